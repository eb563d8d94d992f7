package steward.compat.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code %}-formatting with a mapping, the subset Supervisor configs use:
 * {@code %(name)s}, {@code %(name)d}, {@code %(name)02d} (flags {@code -+ #0}, width, precision),
 * conversions {@code s r d i u x X o} and {@code %%}. Values are strings or integers. Errors carry
 * Supervisor's text: "Format string 'x' for 'program:web.command' contains names ('foo') which
 * cannot be expanded. Available names: …" or "… is badly formatted: …".
 */
public final class Expansions {
    private Expansions() {
    }

    /**
     * Expands {@code template} with {@code names}.
     *
     * @param what how Supervisor names the value in messages, e.g. {@code program:web.command}
     * @throws IllegalArgumentException with Supervisor's message
     */
    public static String expand(String template, Map<String, ?> names, String what) {
        try {
            return format(template, names);
        } catch (MissingName e) {
            List<String> available = new ArrayList<>(names.keySet());
            Collections.sort(available);
            throw new IllegalArgumentException("Format string " + Py.repr(template) + " for " + Py.repr(what)
                    + " contains names (" + Py.repr(e.getMessage()) + ") which cannot be expanded. Available names: "
                    + String.join(", ", available));
        } catch (BadFormat e) {
            throw new IllegalArgumentException("Format string " + Py.repr(template) + " for " + Py.repr(what)
                    + " is badly formatted: " + e.getMessage());
        }
    }

    private static final class MissingName extends Exception {
        MissingName(String name) {
            super(name, null, false, false);
        }
    }

    private static final class BadFormat extends Exception {
        BadFormat(String message) {
            super(message, null, false, false);
        }
    }

    private static String format(String t, Map<String, ?> names) throws MissingName, BadFormat {
        StringBuilder out = new StringBuilder(t.length());
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i >= t.length()) {
                throw new BadFormat("incomplete format");
            }
            Object value = null;
            boolean named = false;
            if (t.charAt(i) == '(') {
                int depth = 1;
                int start = ++i;
                while (i < t.length() && depth > 0) {
                    char k = t.charAt(i++);
                    if (k == '(') {
                        depth++;
                    } else if (k == ')') {
                        depth--;
                    }
                }
                if (depth > 0) {
                    throw new BadFormat("incomplete format key");
                }
                String name = t.substring(start, i - 1);
                if (!names.containsKey(name)) {
                    throw new MissingName(name);
                }
                value = names.get(name);
                named = true;
            }
            Spec spec = new Spec();
            i = spec.parse(t, i);
            if (spec.conversion == '%') {
                out.append('%');
                continue;
            }
            if (!named) {
                throw new BadFormat("format requires a mapping");
            }
            out.append(spec.apply(value, i - 1));
        }
        return out.toString();
    }

    /** Flags, width, precision and conversion of one {@code %} specifier. */
    private static final class Spec {
        private String flags = "";
        private int width = -1;
        private int precision = -1;
        private char conversion;

        int parse(String t, int i) throws BadFormat {
            while (i < t.length() && "-+ #0".indexOf(t.charAt(i)) >= 0) {
                flags += t.charAt(i++);
            }
            int start = i;
            while (i < t.length() && Character.isDigit(t.charAt(i))) {
                i++;
            }
            if (i > start) {
                width = Integer.parseInt(t.substring(start, i));
            }
            if (i < t.length() && t.charAt(i) == '.') {
                start = ++i;
                while (i < t.length() && Character.isDigit(t.charAt(i))) {
                    i++;
                }
                precision = i > start ? Integer.parseInt(t.substring(start, i)) : 0;
            }
            while (i < t.length() && "hlL".indexOf(t.charAt(i)) >= 0) {
                i++;
            }
            if (i >= t.length()) {
                throw new BadFormat("incomplete format");
            }
            conversion = t.charAt(i);
            return i + 1;
        }

        String apply(Object value, int index) throws BadFormat {
            String body;
            String sign = "";
            boolean numeric = false;
            switch (conversion) {
                case 's':
                    body = String.valueOf(value);
                    break;
                case 'r':
                case 'a':
                    body = value instanceof String ? Py.repr((String) value) : String.valueOf(value);
                    break;
                case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
                    if (!(value instanceof Integer) && !(value instanceof Long)) {
                        String kind = conversion == 'x' || conversion == 'X' || conversion == 'o' ? "%" + conversion
                                + " format: an integer is required, not str" : "%" + conversion
                                + " format: a real number is required, not str";
                        throw new BadFormat(kind);
                    }
                    long n = ((Number) value).longValue();
                    sign = n < 0 ? "-" : flags.indexOf('+') >= 0 ? "+" : flags.indexOf(' ') >= 0 ? " " : "";
                    long abs = Math.abs(n);
                    body = conversion == 'x' ? Long.toHexString(abs) : conversion == 'X'
                            ? Long.toHexString(abs).toUpperCase(java.util.Locale.ROOT)
                            : conversion == 'o' ? Long.toOctalString(abs) : Long.toString(abs);
                    if (flags.indexOf('#') >= 0 && conversion != 'd' && conversion != 'i' && conversion != 'u') {
                        sign += conversion == 'o' ? "0o" : "0" + conversion;
                    }
                    if (precision > body.length()) {
                        body = "0".repeat(precision - body.length()) + body;
                    }
                    numeric = true;
                    break;
                default:
                    throw new BadFormat(String.format("unsupported format character '%c' (0x%x) at index %d",
                            conversion, (int) conversion, index));
            }
            if (!numeric && precision >= 0 && body.length() > precision) {
                body = body.substring(0, precision);
            }
            int pad = width - sign.length() - body.length();
            if (pad <= 0) {
                return sign + body;
            }
            if (flags.indexOf('-') >= 0) {
                return sign + body + " ".repeat(pad);
            }
            if (numeric && flags.indexOf('0') >= 0) {
                return sign + "0".repeat(pad) + body;
            }
            return " ".repeat(pad) + sign + body;
        }
    }
}
