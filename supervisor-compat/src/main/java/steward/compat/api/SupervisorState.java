package steward.compat.api;

/** The daemon's own state as returned by supervisor.getState. */
public enum SupervisorState {
    FATAL(2), RUNNING(1), RESTARTING(0), SHUTDOWN(-1);

    private final int code;

    SupervisorState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
