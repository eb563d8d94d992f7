package steward.compat.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A parsed request head: method, target, version and headers (names lower-cased; last one wins). */
record Request(String method, String target, String version, Map<String, String> headers) {

    /** Parses the head (request line and headers, without the blank line); null when malformed. */
    static Request parse(byte[] buf, int from, int to) {
        String head = new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r?\n", -1);
        String[] parts = lines[0].split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || !parts[1].startsWith("/")
                || !(parts[2].equals("HTTP/1.1") || parts[2].equals("HTTP/1.0"))) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return new Request(parts[0], parts[1], parts[2], headers);
    }

    String header(String name) {
        return headers.get(name);
    }

    /** Whether the connection stays open after the reply (HTTP/1.1 unless close; 1.0 only with keep-alive). */
    boolean keepAlive() {
        String c = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
        return version.equals("HTTP/1.1") ? !c.contains("close") : c.contains("keep-alive");
    }

    /** The path without query or fragment. */
    String path() {
        int q = target.indexOf('?');
        int h = target.indexOf('#');
        int end = q < 0 ? h : h < 0 ? q : Math.min(q, h);
        return end < 0 ? target : target.substring(0, end);
    }
}
