package steward.compat.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Linux signal names and numbers as Python's {@code signal} module knows them, which is what
 * Supervisor's {@code signal_number} accepts: every {@code SIG*} attribute, including the aliases
 * (IOT, CLD, POLL), SIGRTMIN/SIGRTMAX and even the handler/mask constants (SIG_DFL = 0 …).
 * It is Steward's one signal table: the constants below are the signals the agent sends or handles
 * itself, by the same numbers the table gives their names.
 */
public final class Signals {
    public static final int HUP = 1;
    public static final int INT = 2;
    public static final int KILL = 9;
    public static final int TERM = 15;

    /** Python attribute name without "SIG" → number; first name per number is the canonical one. */
    private static final Map<String, Integer> BY_NAME = table();

    private Signals() {
    }

    private static Map<String, Integer> table() {
        Object[] rows = {
            "HUP", HUP, "INT", INT, "QUIT", 3, "ILL", 4, "TRAP", 5, "ABRT", 6, "IOT", 6, "BUS", 7, "FPE", 8,
            "KILL", KILL, "USR1", 10, "SEGV", 11, "USR2", 12, "PIPE", 13, "ALRM", 14, "TERM", TERM,
            "STKFLT", 16, "CHLD", 17, "CLD", 17, "CONT", 18, "STOP", 19, "TSTP", 20, "TTIN", 21,
            "TTOU", 22, "URG", 23, "XCPU", 24, "XFSZ", 25, "VTALRM", 26, "PROF", 27, "WINCH", 28,
            "IO", 29, "POLL", 29, "PWR", 30, "SYS", 31, "RTMIN", 34, "RTMAX", 64,
            "_DFL", 0, "_BLOCK", 0, "_IGN", 1, "_UNBLOCK", 1, "_SETMASK", 2,
        };
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < rows.length; i += 2) {
            map.put((String) rows[i], (Integer) rows[i + 1]);
        }
        return Map.copyOf(map);
    }

    private static final String[] CANONICAL = canonical();

    private static String[] canonical() {
        String[] names = new String[65];
        String[] order = {"_DFL", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1",
            "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU",
            "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS", "RTMIN", "RTMAX"};
        for (String name : order) {
            names[BY_NAME.get(name)] = name;
        }
        return names;
    }

    /** A name with or without the SIG prefix, any case, surrounding blanks ignored. */
    public static Optional<Signal> byName(String name) {
        String upper = Py.strip(name).toUpperCase(Locale.ROOT);
        if (upper.startsWith("SIG")) {
            upper = upper.substring(3);
        }
        Integer number = BY_NAME.get(upper);
        return number == null ? Optional.empty() : Optional.of(new Signal(upper, number));
    }

    /** A number Python's signal module has a name for (1–31, 34, 64, and 0 for SIG_DFL). */
    public static Optional<Signal> byNumber(int number) {
        if (number < 0 || number >= CANONICAL.length || CANONICAL[number] == null) {
            return Optional.empty();
        }
        return Optional.of(new Signal(CANONICAL[number], number));
    }

    /** Supervisor's signame(): "SIGTERM" for 15, "signal N" when unnamed (log and fault wording). */
    public static String signame(int number) {
        return byNumber(number).map(sig -> "SIG" + sig.name()).orElse("signal " + number);
    }
}
