package steward.compat.api;

/** Supervisor's process states, with their wire codes (supervisor/states.py). */
public enum ProcessState {
    STOPPED(0), STARTING(10), RUNNING(20), BACKOFF(30), STOPPING(40), EXITED(100), FATAL(200), UNKNOWN(1000);

    private final int code;

    ProcessState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** STOPPED_STATES: the process is not running and may be started. */
    public boolean isStopped() {
        return this == STOPPED || this == EXITED || this == FATAL || this == UNKNOWN;
    }

    /** RUNNING_STATES: a start request is refused with ALREADY_STARTED. */
    public boolean isRunning() {
        return this == STARTING || this == RUNNING || this == BACKOFF;
    }

    /** SIGNALLABLE_STATES. */
    public boolean isSignallable() {
        return this == STARTING || this == RUNNING || this == STOPPING;
    }
}
