package steward.agent.os;

/**
 * Signal numbers the agent sends or handles itself. Their names as Supervisor prints them
 * ("SIGTERM") are Supervisor's wording: {@code compat.config.Signals.signame}.
 */
public final class SignalNames {
    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    private SignalNames() {
    }
}
