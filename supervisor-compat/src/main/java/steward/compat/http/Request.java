package steward.compat.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed request head: method, target, version and headers (names lower-cased; repeated fields
 * joined with ", " as RFC 9110 §5.3 has it, so two different Content-Lengths stay visible).
 */
record Request(String method, String target, String version, Map<String, String> headers) {
    /** Characters of an RFC 9110 token (a method or a field name), other than letters and digits. */
    private static final String TOKEN_MARKS = "!#$%&'*+-.^_`|~";
    private static final java.util.regex.Pattern OWS = java.util.regex.Pattern.compile("^[ \t]+|[ \t]+$");

    /**
     * Parses the head (request line and headers, without the blank line); null when malformed, which
     * includes what RFC 9112 says a server must answer 400: whitespace between a field name and its
     * colon, a line folded onto the previous one, a bare CR, and more than one Host.
     */
    static Request parse(byte[] buf, int from, int to) {
        String head = new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r?\n", -1);
        String[] parts = lines[0].split(" ", -1);
        if (parts.length != 3 || !isToken(parts[0]) || !parts[1].startsWith("/")
                || !(parts[2].equals("HTTP/1.1") || parts[2].equals("HTTP/1.0")) || parts[1].indexOf('\r') >= 0) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.substring(0, colon)) || line.indexOf('\r') >= 0 || line.indexOf('\0') >= 0) {
                return null;
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = ows(line.substring(colon + 1));
            if (headers.containsKey(name) && name.equals("host")) {
                return null;
            }
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        return new Request(parts[0], parts[1], parts[2], headers);
    }

    /** Without leading and trailing spaces and tabs (RFC 9110's optional whitespace, nothing else). */
    private static String ows(String s) {
        return OWS.matcher(s).replaceAll("");
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && TOKEN_MARKS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The length of the body this head announces (0 without one), or an error status, negated: 411
     * for a POST without Content-Length or with Transfer-Encoding (not supported), 400 for an invalid
     * length, 413 for one above {@code maxBody}.
     */
    long bodyLength(int maxBody) {
        String cl = header("content-length");
        if (!method.toUpperCase(Locale.ROOT).equals("POST") && cl == null) {
            return 0;
        }
        if (cl == null || header("transfer-encoding") != null) {
            return -411;
        }
        long length = contentLength(cl);
        return length < 0 ? -400 : length > maxBody ? -413 : length;
    }

    /**
     * The body length a Content-Length value announces: -1 unless it is one decimal number, or a
     * list of the same number repeated (RFC 9110 §8.6, RFC 9112 §6.3: anything else is invalid).
     */
    static long contentLength(String value) {
        long length = -1;
        for (String item : value.split(",", -1)) {
            String digits = ows(item);
            if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return -1;
            }
            long n = Long.parseLong(digits);
            if (length >= 0 && n != length) {
                return -1;
            }
            length = n;
        }
        return length;
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
