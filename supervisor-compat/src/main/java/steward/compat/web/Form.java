package steward.compat.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a request as Supervisor's web handler reads them: the query string with Python's
 * {@code parse_qs} rules (blank values dropped, first duplicate wins, {@code +} is a space), then an
 * {@code x-www-form-urlencoded} POST body (later values win).
 */
final class Form {
    private final Map<String, String> fields;

    private Form(Map<String, String> fields) {
        this.fields = fields;
    }

    static Form of(String target, byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        int q = target.indexOf('?');
        if (q >= 0) {
            int hash = target.indexOf('#', q);
            parse(target.substring(q + 1, hash < 0 ? target.length() : hash), fields, false);
        }
        if (body.length > 0) {
            parse(new String(body, StandardCharsets.ISO_8859_1), fields, true);
        }
        return new Form(fields);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    boolean has(String name) {
        return fields.containsKey(name);
    }

    private static void parse(String query, Map<String, String> into, boolean laterWins) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0 || eq == pair.length() - 1) {
                continue;
            }
            String name = unquote(pair.substring(0, eq));
            String value = unquote(pair.substring(eq + 1));
            if (laterWins) {
                into.put(name, value);
            } else {
                into.putIfAbsent(name, value);
            }
        }
    }

    /** Python's {@code unquote_plus}: {@code +} → space, {@code %XX} → byte, bytes read as UTF-8. */
    static String unquote(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Python's {@code urllib.parse.quote} with its default safe {@code /}. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "_.-~/".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
