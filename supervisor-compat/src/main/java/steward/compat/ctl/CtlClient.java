package steward.compat.ctl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import steward.compat.xmlrpc.MethodResponse;
import steward.compat.xmlrpc.XmlRpcException;
import steward.compat.xmlrpc.XmlRpcReader;
import steward.compat.xmlrpc.XmlRpcWriter;

/**
 * XML-RPC over HTTP/1.1 to a supervisord-compatible server at {@code unix:///path} or
 * {@code http://host:port}, with basic auth. Keeps one connection alive across calls and
 * reconnects when the server closed it. Not thread-safe. The one XML-RPC client of the project:
 * supervisorctl's, and the agent's CLI talking to a running agent.
 */
public final class CtlClient implements AutoCloseable {
    private final String serverurl;
    private final String authorization;
    /**
     * The largest reply this client reads. It holds a reply whole, a few times over (bytes, text,
     * parsed value), in the launcher's 96 MB heap, where a 12 MB one ran out; the daemon itself
     * streams log reads of any size (supervisorctl reads them whole too, with no limit).
     */
    static final int MAX_REPLY = 4 << 20;

    private final XmlRpcReader reader = new XmlRpcReader();
    private SocketChannel channel;
    private InputStream in;
    private OutputStream out;

    /** {@code username} and {@code password} may be null (no basic auth). */
    public CtlClient(String serverurl, String username, String password) {
        this.serverurl = serverurl;
        this.authorization = username != null && password != null
                ? "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8))
                : null;
    }

    String serverurl() {
        return serverurl;
    }

    /** Calls a method; faults come back as {@link ServerFault}. */
    public Object call(String method, Object... params) throws IOException, ServerFault {
        byte[] body = XmlRpcWriter.call(method, List.of(params));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/xml");
        headers.put("Accept", "text/xml");
        headers.put("Content-Length", String.valueOf(body.length));
        byte[] response = null;
        for (int attempt = 0; attempt < 2 && response == null; attempt++) {
            boolean fresh = channel == null;
            try {
                connect();
                try {
                    send("POST /RPC2", headers, body);
                } catch (IOException e) {
                    // the server may have answered the head and closed (a 401): its answer is still readable
                    response = readResponse();
                    break;
                }
                response = readResponse();
            } catch (HttpStatusException e) {
                close();
                throw e;
            } catch (IOException e) {
                close();
                if (fresh) {
                    throw e;
                }
            }
        }
        try {
            MethodResponse r = reader.readResponse(response, MAX_REPLY);
            if (r.isFault()) {
                throw new ServerFault(r.faultCode(), r.faultString());
            }
            return r.value();
        } catch (XmlRpcException e) {
            throw new IOException("unreadable response: " + e.getMessage(), e);
        }
    }

    /** Opens a GET stream (a log tail) and copies its decoded body to {@code sink} until it ends. */
    void stream(String path, OutputStream sink) throws IOException {
        close();
        connect();
        send("GET " + path, Map.of("Accept-Encoding", "chunked", "Accept", "*/*"), new byte[0]);
        Map<String, String> h = readHead();
        boolean chunked = "chunked".equalsIgnoreCase(h.getOrDefault("transfer-encoding", ""));
        if (!chunked) {
            in.transferTo(sink);
            return;
        }
        while (true) {
            String size = line();
            int n = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (n == 0) {
                return;
            }
            sink.write(in.readNBytes(n));
            sink.flush();
            line();
        }
    }

    private void connect() throws IOException {
        if (channel != null) {
            return;
        }
        if (serverurl.startsWith("unix://")) {
            Path p = Path.of(serverurl.substring("unix://".length()));
            if (!Files.exists(p)) {
                throw new NoSuchFileException(p.toString());
            }
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(p));
        } else {
            URI u = URI.create(serverurl);
            channel = SocketChannel.open(new InetSocketAddress(u.getHost(), u.getPort() < 0 ? 80 : u.getPort()));
        }
        in = new java.io.BufferedInputStream(Channels.newInputStream(channel));
        out = Channels.newOutputStream(channel);
    }

    private void send(String requestLine, Map<String, String> headers, byte[] body) throws IOException {
        String host = serverurl.startsWith("unix://") ? "localhost" : URI.create(serverurl).getAuthority();
        StringBuilder sb = new StringBuilder(requestLine).append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n")
                .append("User-Agent: steward-ctl\r\n");
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        if (authorization != null) {
            sb.append("Authorization: ").append(authorization).append("\r\n");
        }
        byte[] head = sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        // one write: a server that answers the head alone (a 401) and closes finds the whole request sent
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        out.write(request);
        out.flush();
    }

    private byte[] readResponse() throws IOException {
        Map<String, String> h = readHead();
        String cl = h.get("content-length");
        if (cl == null) {
            throw new IOException("response without Content-Length");
        }
        long length = Long.parseLong(cl.trim());
        if (length > MAX_REPLY) {
            close();
            throw new IOException("a reply of " + length + " bytes is over steward ctl's limit of " + MAX_REPLY
                    + " bytes (the client holds a reply whole): ask for less, e.g. a smaller tail -N");
        }
        byte[] body = in.readNBytes((int) length);
        if (h.getOrDefault("connection", "").equalsIgnoreCase("close")) {
            close();
        }
        return body;
    }

    private Map<String, String> readHead() throws IOException {
        String status = line();
        if (status.isEmpty()) {
            throw new IOException("connection closed by server");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l = line(); !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            if (colon > 0) {
                headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
            }
        }
        String[] parts = status.split(" ", 3);
        int code = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        if (code != 200) {
            if (headers.containsKey("content-length")) {
                in.readNBytes(Integer.parseInt(headers.get("content-length")));
            }
            throw new HttpStatusException(code, status);
        }
        return headers;
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                b.write(c);
            }
            if (b.size() > 65536) {
                throw new IOException("header line too long");
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already closed
            }
            channel = null;
        }
    }
}
