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
 * {@code capped_int}), Boolean, Double, byte[] (base64), List, Map with String keys, and a
 * {@link FileText} as a string. No nil.
 */
public final class XmlRpcWriter {
    private static final String HEADER = "<?xml version='1.0'?>\n";
    private static final byte[] STRING_OPEN = bytes("<value><string>");
    private static final byte[] STRING_CLOSE = bytes("</string></value>\n");
    private static final byte[] INT_OPEN = bytes("<value><int>");
    private static final byte[] INT_CLOSE = bytes("</int></value>\n");
    private static final byte[] MEMBER_OPEN = bytes("<member>\n<name>");
    private static final byte[] NAME_CLOSE = bytes("</name>\n");
    private static final byte[] MEMBER_CLOSE = bytes("</member>\n");
    private static final byte[] STRUCT_OPEN = bytes("<value><struct>\n");
    private static final byte[] STRUCT_CLOSE = bytes("</struct></value>\n");
    private static final byte[] ARRAY_OPEN = bytes("<value><array><data>\n");
    private static final byte[] ARRAY_CLOSE = bytes("</data></array></value>\n");

    private XmlRpcWriter() {
    }

    /** A successful {@code <methodResponse>} holding one value. */
    public static byte[] response(Object value) {
        ByteSink sink = new ByteSink(256);
        response(value, sink);
        return sink.toByteArray();
    }

    /** Writes a successful {@code <methodResponse>} into {@code sink} (which the caller may reuse). */
    public static void response(Object value, ByteSink sink) {
        sink.ascii(HEADER).ascii("<methodResponse>\n<params>\n<param>\n");
        value(sink, value);
        sink.ascii("</param>\n</params>\n</methodResponse>\n");
    }

    /** A fault {@code <methodResponse>}. */
    public static byte[] fault(int code, String text) {
        ByteSink sink = new ByteSink(256);
        fault(code, text, sink);
        return sink.toByteArray();
    }

    /** Writes a fault {@code <methodResponse>} into {@code sink}. */
    public static void fault(int code, String text, ByteSink sink) {
        sink.ascii(HEADER).ascii("<methodResponse>\n<fault>\n");
        Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("faultCode", code);
        struct.put("faultString", text);
        value(sink, struct);
        sink.ascii("</fault>\n</methodResponse>\n");
    }

    /** A {@code <methodCall>} as Python's client sends it. */
    public static byte[] call(String method, List<?> params) {
        ByteSink sink = new ByteSink(256);
        sink.ascii(HEADER).ascii("<methodCall>\n<methodName>").escaped(method).ascii("</methodName>\n<params>\n");
        for (Object p : params) {
            sink.ascii("<param>\n");
            value(sink, p);
            sink.ascii("</param>\n");
        }
        return sink.ascii("</params>\n</methodCall>\n").toByteArray();
    }

    /** One value encoded once, for reuse as-is in later responses. */
    public static RawXml encode(Object value) {
        ByteSink sink = new ByteSink(256);
        value(sink, value);
        return new RawXml(sink.toByteArray());
    }

    private static void value(ByteSink sink, Object v) {
        if (v instanceof RawXml r) {
            sink.raw(r.bytes());
        } else if (v instanceof String s) {
            sink.raw(STRING_OPEN).escaped(s).raw(STRING_CLOSE);
        } else if (v instanceof FileText f) {
            sink.raw(STRING_OPEN).file(f).raw(STRING_CLOSE);
        } else if (v instanceof Boolean b) {
            sink.ascii("<value><boolean>").ascii(b ? '1' : '0').ascii("</boolean></value>\n");
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            sink.raw(INT_OPEN).decimal(((Number) v).intValue()).raw(INT_CLOSE);
        } else if (v instanceof Long l) {
            long capped = Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, l));
            sink.raw(INT_OPEN).decimal(capped).raw(INT_CLOSE);
        } else if (v instanceof Double || v instanceof Float) {
            sink.ascii("<value><double>").ascii(pythonRepr(((Number) v).doubleValue())).ascii("</double></value>\n");
        } else if (v instanceof byte[] bytes) {
            sink.ascii("<value><base64>\n");
            if (bytes.length > 0) {
                sink.ascii(Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(bytes)).ascii('\n');
            }
            sink.ascii("</base64></value>\n");
        } else if (v instanceof Collection<?> items) {
            sink.raw(ARRAY_OPEN);
            for (Object item : items) {
                value(sink, item);
            }
            sink.raw(ARRAY_CLOSE);
        } else if (v instanceof Map<?, ?> members) {
            sink.raw(STRUCT_OPEN);
            for (Map.Entry<?, ?> m : members.entrySet()) {
                sink.raw(MEMBER_OPEN).escaped((String) m.getKey()).raw(NAME_CLOSE);
                value(sink, m.getValue());
                sink.raw(MEMBER_CLOSE);
            }
            sink.raw(STRUCT_CLOSE);
        } else {
            throw new IllegalArgumentException("cannot marshal " + (v == null ? "null" : v.getClass().getName()));
        }
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
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
