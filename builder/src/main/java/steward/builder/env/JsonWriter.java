package steward.builder.env;

import java.util.Collection;
import java.util.Map;

/**
 * A small JSON writer for the builder's own outputs (environment.json, {@code deploy --check --json}):
 * maps (keys in iteration order), collections, strings, numbers, booleans and null.
 */
public final class JsonWriter {
    private JsonWriter() {
    }

    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, "");
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, String indent) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Map<?, ?> m) {
            writeMap(sb, m, indent);
        } else if (v instanceof Collection<?> c) {
            writeList(sb, c, indent);
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else {
            string(sb, v.toString());
        }
    }

    private static void writeMap(StringBuilder sb, Map<?, ?> m, String indent) {
        if (m.isEmpty()) {
            sb.append("{}");
            return;
        }
        String inner = indent + "  ";
        sb.append("{\n");
        int i = 0;
        for (var e : m.entrySet()) {
            sb.append(inner);
            string(sb, String.valueOf(e.getKey()));
            sb.append(": ");
            write(sb, e.getValue(), inner);
            sb.append(++i < m.size() ? ",\n" : "\n");
        }
        sb.append(indent).append('}');
    }

    private static void writeList(StringBuilder sb, Collection<?> c, String indent) {
        if (c.isEmpty()) {
            sb.append("[]");
            return;
        }
        String inner = indent + "  ";
        sb.append("[\n");
        int i = 0;
        for (Object o : c) {
            sb.append(inner);
            write(sb, o, inner);
            sb.append(++i < c.size() ? ",\n" : "\n");
        }
        sb.append(indent).append(']');
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
