package steward.compat.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import steward.compat.time.Stamps;
import steward.compat.web.WebResponse;
import steward.compat.xmlrpc.ByteSink;

/** Response heads and bodies in the shape supervisord's medusa server sends. */
final class Responses {
    private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(200, "OK"),
            Map.entry(301, "Moved Permanently"), Map.entry(304, "Not Modified"), Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"),
            Map.entry(411, "Length Required"), Map.entry(413, "Request Entity Too Large"),
            Map.entry(431, "Request Header Fields Too Large"), Map.entry(500, "Internal Server Error"),
            Map.entry(503, "Service Unavailable"));

    private Responses() {
    }

    static String date(Instant t) {
        return Stamps.httpDate(t.toEpochMilli());
    }

    static StringBuilder head(String version, int status) {
        return new StringBuilder(256).append(version).append(' ').append(status).append(' ').append(REASONS.get(status))
                .append("\r\nServer: Steward\r\nDate: ").append(date(Instant.now())).append("\r\n");
    }

    /** A complete text/xml reply with Content-Length, head and body copied once into one array. */
    static byte[] xml(String version, ByteSink body, boolean keepAlive) {
        StringBuilder h = head(version, 200).append("Content-Type: text/xml\r\nContent-Length: ").append(body.length())
                .append("\r\n");
        connection(h, version, keepAlive);
        byte[] head = h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[head.length + body.length()];
        System.arraycopy(head, 0, out, 0, head.length);
        body.copyTo(out, head.length);
        return out;
    }

    /** The head of a text/xml reply whose body of {@code length} bytes is sent after it, as it is made. */
    static byte[] xmlHead(String version, long length, boolean keepAlive) {
        StringBuilder h = head(version, 200).append("Content-Type: text/xml\r\nContent-Length: ").append(length).append("\r\n");
        connection(h, version, keepAlive);
        return h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The head of a 200 reply whose body (sent after it, not copied into it) is {@code length} bytes. */
    static byte[] addedPageHead(String version, String contentType, int length, boolean keepAlive) {
        StringBuilder h = head(version, 200).append("Content-Type: ").append(contentType).append("\r\nContent-Length: ")
                .append(length).append("\r\n");
        connection(h, version, keepAlive);
        return h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A page of the web UI or a public port's answer: its status, type and headers, with Content-Length. */
    static byte[] page(String version, WebResponse r, boolean keepAlive) {
        return page(version, r, keepAlive, false);
    }

    /** As {@link #page(String, WebResponse, boolean)}; {@code headOnly} (a HEAD request) leaves the body out. */
    static byte[] page(String version, WebResponse r, boolean keepAlive, boolean headOnly) {
        StringBuilder h = head(version, r.status()).append("Content-Type: ").append(r.contentType()).append("\r\n");
        for (String extra : r.headers()) {
            h.append(extra).append("\r\n");
        }
        h.append("Content-Length: ").append(r.body().length).append("\r\n");
        connection(h, version, keepAlive);
        byte[] head = h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        return headOnly ? head : concat(head, r.body());
    }

    /** An error reply; the connection is closed after it. */
    static byte[] error(String version, int status, String... extraHeaders) {
        String reason = REASONS.get(status);
        byte[] body = ("<head>\n<title>Error response</title>\n</head>\n<body>\n<h1>Error response</h1>\n<p>Error code "
                + status + ".\n<p>Message: " + reason + ".\n</body>\n").getBytes(StandardCharsets.ISO_8859_1);
        StringBuilder h = head(version, status);
        for (String extra : extraHeaders) {
            h.append(extra).append("\r\n");
        }
        h.append("Content-Type: text/html\r\nContent-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        return concat(h.toString().getBytes(StandardCharsets.ISO_8859_1), body);
    }

    /** The head of a never-ending log stream; chunked for HTTP/1.1. */
    static byte[] streamHead(String version, Instant lastModified, boolean logtail) {
        StringBuilder h = head(version, 200).append("Last-Modified: ").append(date(lastModified))
                .append("\r\nContent-Type: text/plain;charset=utf-8\r\n");
        if (logtail) {
            h.append("X-Accel-Buffering: no\r\n");
        }
        h.append(version.equals("HTTP/1.1") ? "Transfer-Encoding: chunked\r\n" : "Connection: close\r\n");
        return h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] chunk(byte[] data) {
        byte[] size = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[size.length + data.length + 2];
        System.arraycopy(size, 0, out, 0, size.length);
        System.arraycopy(data, 0, out, size.length, data.length);
        out[out.length - 2] = '\r';
        out[out.length - 1] = '\n';
        return out;
    }

    private static void connection(StringBuilder h, String version, boolean keepAlive) {
        if (version.equals("HTTP/1.0") && keepAlive) {
            h.append("Connection: Keep-Alive\r\n");
        } else if (version.equals("HTTP/1.1") && !keepAlive) {
            h.append("Connection: close\r\n");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
