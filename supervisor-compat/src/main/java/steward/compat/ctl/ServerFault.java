package steward.compat.ctl;

/** An XML-RPC fault returned by the server. */
public final class ServerFault extends Exception {
    private final int code;

    ServerFault(int code, String text) {
        super(text, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }

    public String text() {
        return getMessage();
    }

    /** As Python prints an unexpected xmlrpc.client.Fault. */
    String pythonRepr() {
        return "<class 'xmlrpc.client.Fault'>, <Fault " + code + ": '" + getMessage() + "'>";
    }
}
