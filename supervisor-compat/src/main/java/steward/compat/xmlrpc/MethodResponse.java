package steward.compat.xmlrpc;

/**
 * A decoded XML-RPC response: either a value or a fault (code and string).
 *
 * @param value the result, or null for a fault
 */
public record MethodResponse(Object value, int faultCode, String faultString) {
    public static MethodResponse ok(Object value) {
        return new MethodResponse(value, 0, null);
    }

    public static MethodResponse fault(int code, String text) {
        return new MethodResponse(null, code, text);
    }

    public boolean isFault() {
        return faultString != null;
    }
}
