package steward.agent.os;

import steward.compat.config.Signals;

/** Signal numbers the agent sends itself, and the names Supervisor prints ("SIGTERM"). */
public final class SignalNames {
    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    private SignalNames() {
    }

    /** "SIGTERM" for 15; "signal N" when unnamed, as Supervisor's signame() says. */
    public static String name(int signo) {
        return Signals.byNumber(signo).map(s -> "SIG" + s.name()).orElse("signal " + signo);
    }
}
