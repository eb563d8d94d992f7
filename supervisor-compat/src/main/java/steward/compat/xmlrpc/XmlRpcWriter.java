package steward.compat.xmlrpc;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes XML-RPC documents in the exact layout of Python's {@code xmlrpc.client.dumps}, which is
 * what supervisord sends. Values: String, Integer, Long (clamped to 32 bits, as supervisord's
 * {@code capped_int}), Boolean, Double, byte[] (base64), List, Map with String keys. No nil.
 */
public final class XmlRpcWriter {
    private static final String HEADER = "<?xml version='1.0'?>\n";

    private XmlRpcWriter() {
    }

    /** A successful {@code <methodResponse>} holding one value. */
    public static byte[] response(Object value) {
        StringBuilder sb = new StringBuilder(256).append(HEADER).append("<methodResponse>\n<params>\n<param>\n");
        value(sb, value);
        return sb.append("</param>\n</params>\n</methodResponse>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A fault {@code <methodResponse>}. */
    public static byte[] fault(int code, String text) {
        StringBuilder sb = new StringBuilder(256).append(HEADER).append("<methodResponse>\n<fault>\n");
        Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("faultCode", code);
        struct.put("faultString", text);
        value(sb, struct);
        return sb.append("</fault>\n</methodResponse>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A {@code <methodCall>} as Python's client sends it. */
    public static byte[] call(String method, List<?> params) {
        StringBuilder sb = new StringBuilder(256).append(HEADER).append("<methodCall>\n<methodName>");
        escape(sb, method).append("</methodName>\n<params>\n");
        for (Object p : params) {
            sb.append("<param>\n");
            value(sb, p);
            sb.append("</param>\n");
        }
        return sb.append("</params>\n</methodCall>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void value(StringBuilder sb, Object v) {
        if (v instanceof String s) {
            escape(sb.append("<value><string>"), s).append("</string></value>\n");
        } else if (v instanceof Boolean b) {
            sb.append("<value><boolean>").append(b ? '1' : '0').append("</boolean></value>\n");
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            sb.append("<value><int>").append(((Number) v).intValue()).append("</int></value>\n");
        } else if (v instanceof Long l) {
            long capped = Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, l));
            sb.append("<value><int>").append(capped).append("</int></value>\n");
        } else if (v instanceof Double || v instanceof Float) {
            sb.append("<value><double>").append(pythonRepr(((Number) v).doubleValue())).append("</double></value>\n");
        } else if (v instanceof byte[] bytes) {
            sb.append("<value><base64>\n");
            if (bytes.length > 0) {
                sb.append(Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(bytes)).append('\n');
            }
            sb.append("</base64></value>\n");
        } else if (v instanceof Collection<?> items) {
            sb.append("<value><array><data>\n");
            for (Object item : items) {
                value(sb, item);
            }
            sb.append("</data></array></value>\n");
        } else if (v instanceof Map<?, ?> members) {
            sb.append("<value><struct>\n");
            for (Map.Entry<?, ?> m : members.entrySet()) {
                escape(sb.append("<member>\n<name>"), (String) m.getKey()).append("</name>\n");
                value(sb, m.getValue());
                sb.append("</member>\n");
            }
            sb.append("</struct></value>\n");
        } else {
            throw new IllegalArgumentException("cannot marshal " + (v == null ? "null" : v.getClass().getName()));
        }
    }

    /**
     * Escapes as Python does ({@code & < >}); characters XML 1.0 cannot carry at all (control
     * characters, lone surrogates) become U+FFFD so the client's parser never chokes.
     */
    private static StringBuilder escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': sb.append("&amp;"); break;
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                default:
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0xD800) || (c >= 0xE000 && c <= 0xFFFD)) {
                        sb.append(c);
                    } else {
                        sb.append('\uFFFD');
                    }
            }
        }
        return sb;
    }

    /** Python's {@code repr(float)}: shortest digits; scientific below 1e-4 and from 1e16. */
    static String pythonRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = bd.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - bd.scale();
        String sign = d < 0 ? "-" : "";
        if (exp >= -4 && exp < 16) {
            String plain = bd.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
}
