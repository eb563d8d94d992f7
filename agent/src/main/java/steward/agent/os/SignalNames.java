package steward.agent.os;

/** Linux signal numbers to the names Supervisor prints ("SIGTERM"). */
public final class SignalNames {
    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGQUIT = 3;
    public static final int SIGKILL = 9;
    public static final int SIGUSR2 = 12;
    public static final int SIGTERM = 15;

    private static final String[] NAMES = {
        null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
        "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU",
        "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};

    private SignalNames() {
    }

    /** "SIGTERM" for 15; "signal N" when unnamed, as Python's signame does. */
    public static String name(int signo) {
        if (signo > 0 && signo < NAMES.length) {
            return "SIG" + NAMES[signo];
        }
        return "signal " + signo;
    }
}
