package steward.compat.json;

import java.util.Arrays;
import java.util.Map;

/**
 * Steward's one JSON writer: {@link Map} (string keys, iteration order kept) → object,
 * {@link Iterable} or array → array, {@link CharSequence} → string, {@link Number}, {@link Boolean},
 * {@code null}. {@link #write} is compact ({@code {"a":1,"b":[true,null]}}), with strings escaped as
 * Python's {@code json.dumps(ensure_ascii=False)} escapes them: {@code \" \\ \n \r \t \b \f}, other
 * controls as a six-character {@code u00XX} escape, everything else as is. {@link #pretty} is for
 * files people read (the builder's {@code environment.json}, {@code deploy --check --json}): two
 * spaces of indent, {@code "key": value}, and U+2028/U+2029 escaped too, since YAML readers of the
 * same file take them for line breaks.
 */
public final class JsonWriter {
    private final String indent;
    private final boolean escapeLineSeparators;

    private JsonWriter(String indent, boolean escapeLineSeparators) {
        this.indent = indent;
        this.escapeLineSeparators = escapeLineSeparators;
    }

    private static final JsonWriter COMPACT = new JsonWriter(null, false);
    private static final JsonWriter PRETTY = new JsonWriter("  ", true);

    /** The compact JSON text of {@code value}. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    /** The indented JSON text of {@code value} (no final newline). */
    public static String pretty(Object value) {
        StringBuilder out = new StringBuilder();
        PRETTY.value(out, value, "");
        return out.toString();
    }

    /** Appends the compact JSON text of {@code value} to {@code out}. */
    public static void append(StringBuilder out, Object value) {
        COMPACT.value(out, value, "");
    }

    /** {@code s} as a JSON string literal, quotes included. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        COMPACT.string(out, s);
        return out.toString();
    }

    private void value(StringBuilder out, Object value, String at) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence) {
            string(out, value.toString());
        } else if (value instanceof Boolean) {
            out.append(value.toString());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON has no " + d);
            }
            out.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) + ".0" : Double.toString(d));
        } else if (value instanceof Number) {
            out.append(value.toString());
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            String inner = nested(at);
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                separate(out, first, inner);
                first = false;
                string(out, String.valueOf(e.getKey()));
                out.append(indent == null ? ":" : ": ");
                value(out, e.getValue(), inner);
            }
            close(out, first, at, '}');
        } else if (value instanceof Iterable<?> items) {
            out.append('[');
            String inner = nested(at);
            boolean first = true;
            for (Object item : items) {
                separate(out, first, inner);
                first = false;
                value(out, item, inner);
            }
            close(out, first, at, ']');
        } else if (value instanceof Object[] array) {
            value(out, Arrays.asList(array), at);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private String nested(String at) {
        return indent == null ? at : at + indent;
    }

    /** Before a member or element: a comma after the first, and in pretty mode a new line and its indent. */
    private void separate(StringBuilder out, boolean first, String inner) {
        if (!first) {
            out.append(',');
        }
        if (indent != null) {
            out.append('\n').append(inner);
        }
    }

    /** An empty container stays {@code {}} or {@code []}; a filled one closes on its own line in pretty mode. */
    private void close(StringBuilder out, boolean empty, String at, char bracket) {
        if (indent != null && !empty) {
            out.append('\n').append(at);
        }
        out.append(bracket);
    }

    private void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || escapeLineSeparators && (c == 0x2028 || c == 0x2029)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
