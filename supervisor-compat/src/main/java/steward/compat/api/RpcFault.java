package steward.compat.api;

/** A failure carrying a Supervisor fault; its text is {@code NAME} or {@code NAME: detail}. */
public final class RpcFault extends Exception {
    private final Fault fault;
    private final String detail;

    public RpcFault(Fault fault) {
        this(fault, null);
    }

    public RpcFault(Fault fault, String detail) {
        super(detail == null || detail.isEmpty() ? fault.name() : fault.name() + ": " + detail, null, false, false);
        this.fault = fault;
        this.detail = detail;
    }

    public Fault fault() {
        return fault;
    }

    public int code() {
        return fault.code();
    }

    /** The detail after the colon, or null. */
    public String detail() {
        return detail;
    }

    /** faultString as supervisord sends it. */
    public String faultString() {
        return getMessage();
    }
}
