package steward.compat.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One converter per value kind, after Supervisor's {@code datatypes.py}. Each takes the option's
 * (already expanded) text and either returns the value or throws {@link IllegalArgumentException}
 * whose message is the reason shown after {@code [section] key: }.
 */
public final class Values {
    private static final List<String> TRUTHY = List.of("yes", "true", "on", "1");
    private static final List<String> FALSY = List.of("no", "false", "off", "0");

    private Values() {
    }

    /** yes/true/on/1 and no/false/off/0, any case, no surrounding blanks (as Supervisor). */
    public static boolean bool(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (TRUTHY.contains(lower)) {
            return true;
        }
        if (FALSY.contains(lower)) {
            return false;
        }
        throw new IllegalArgumentException("not a valid boolean value: " + Py.repr(s));
    }

    /** Python's {@code int()}: blanks around, a sign and {@code _} between digits are fine. */
    public static int integer(String s) {
        try {
            return Math.toIntExact(Py.parseInt(s, 10));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid integer " + Py.repr(s));
        }
    }

    /** An integer with an optional KB/MB/GB suffix (any case, 1024-based). */
    public static long byteSize(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        long multiplier = 1;
        String digits = lower;
        String[] suffixes = {"kb", "mb", "gb"};
        for (int i = 0; i < suffixes.length; i++) {
            if (lower.endsWith(suffixes[i])) {
                multiplier = 1L << (10 * (i + 1));
                digits = lower.substring(0, lower.length() - 2);
                break;
            }
        }
        try {
            return Math.multiplyExact(Py.parseInt(digits, 10), multiplier);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid byte size " + Py.repr(s));
        }
    }

    /** Python's {@code int(s, 8)}, for umask and chmod ({@code 022}, {@code 0o22}, {@code 22}). */
    public static int octal(String s) {
        try {
            return Math.toIntExact(Py.parseInt(s, 8));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(s + " can not be converted to an octal type");
        }
    }

    /** A signal number, or a name with or without SIG, as Python's signal module knows them. */
    public static Signal signal(String s) {
        long number;
        try {
            number = Py.parseInt(s, 10);
        } catch (NumberFormatException | ArithmeticException e) {
            return Signals.byName(s).orElseThrow(
                    () -> new IllegalArgumentException("value " + Py.repr(s) + " is not a valid signal name"));
        }
        if (number < 0 || number > 64) {
            throw new IllegalArgumentException("value " + Py.repr(s) + " is not a valid signal number");
        }
        return Signals.byNumber((int) number).orElseThrow(
                () -> new IllegalArgumentException("value " + Py.repr(s) + " is not a valid signal number"));
    }

    /** A comma list of exit codes in 0–255; the empty string is the empty list. */
    public static List<Integer> exitcodes(String s) {
        List<Integer> codes = new ArrayList<>();
        if (s.isEmpty()) {
            return codes;
        }
        for (String part : s.split(",", -1)) {
            long code;
            try {
                code = Py.parseInt(part, 10);
            } catch (NumberFormatException | ArithmeticException e) {
                code = -1;
            }
            if (code < 0 || code > 255) {
                throw new IllegalArgumentException("not a valid list of exit codes: " + Py.repr(s));
            }
            codes.add((int) code);
        }
        return codes;
    }

    /** true/false (any boolean spelling) or unexpected, any case. */
    public static AutoRestart autorestart(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (TRUTHY.contains(lower)) {
            return AutoRestart.TRUE;
        }
        if (FALSY.contains(lower)) {
            return AutoRestart.FALSE;
        }
        if (lower.equals("unexpected")) {
            return AutoRestart.UNEXPECTED;
        }
        throw new IllegalArgumentException("invalid 'autorestart' value " + Py.repr(lower));
    }

    /** critical, error, warn, info, debug, trace, blather (any case). */
    public static LogLevel logLevel(String s) {
        return LogLevel.fromName(s.equals(Py.strip(s)) ? s : "?")
                .orElseThrow(() -> new IllegalArgumentException("bad logging level name " + Py.repr(s)));
    }

    /**
     * Supervisor 4.2.5's {@code environment=}: legacy shlex tokens taken three at a time as
     * {@code KEY = value}, the fourth (normally a comma) skipped unchecked; quotes stripped from values.
     */
    public static Map<String, String> environment(String s) {
        List<String> tokens = LegacyShlex.tokens(s);
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size(); i += 4) {
            if (i + 3 > tokens.size() || !tokens.get(i + 1).equals("=")) {
                throw new IllegalArgumentException("Unexpected end of key/value pairs in value " + Py.repr(s));
            }
            env.put(tokens.get(i), stripQuotes(tokens.get(i + 2)));
        }
        return env;
    }

    private static String stripQuotes(String v) {
        int start = 0;
        int end = v.length();
        while (start < end && (v.charAt(start) == '"' || v.charAt(start) == '\'')) {
            start++;
        }
        while (end > start && (v.charAt(end - 1) == '"' || v.charAt(end - 1) == '\'')) {
            end--;
        }
        return v.substring(start, end);
    }

    /** {@code host:port}, {@code :port}, {@code *:port} or {@code port}; host lower-cased, "" = all. */
    public static InetHttpServerConfig inetAddress(String s) {
        String host = "";
        String port = s;
        if (s.contains(":")) {
            int colon = s.lastIndexOf(':');
            host = s.substring(0, colon).toLowerCase(Locale.ROOT);
            port = s.substring(colon + 1);
            if (port.isEmpty()) {
                throw new IllegalArgumentException("no port number specified in " + Py.repr(port));
            }
            checkPort(port, s);
        } else {
            try {
                checkPort(port, s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a valid port number: " + Py.repr(s) + " ");
            }
        }
        if (host.equals("*")) {
            host = "";
        }
        return new InetHttpServerConfig(host, integer(port), Optional.empty(), Optional.empty());
    }

    private static void checkPort(String port, String whole) {
        int n = integer(port);
        if (n < 1) {
            throw new IllegalArgumentException(n + " is below lower bound (1)");
        }
        if (n > 0xffff) {
            throw new IllegalArgumentException(n + " is above upper bound (65535)");
        }
    }

    /** A user name or uid that must exist; returns the uid. */
    public static int user(String s, Users users) {
        return users.uidOf(s);
    }

    /**
     * A log file name: {@code NONE}/{@code OFF} (any case) → {@link LogTarget#NONE}, {@code AUTO} →
     * {@link LogTarget#AUTO}, {@code syslog} → empty (the deprecated alias of {@code *_syslog=true}),
     * anything else a path ({@code ~} expanded) whose directory must exist.
     */
    public static Optional<LogTarget> logfile(String s, HomeDirs homes) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("none") || lower.equals("off")) {
            return Optional.of(LogTarget.NONE);
        }
        if (lower.equals("auto")) {
            return Optional.of(LogTarget.AUTO);
        }
        if (lower.equals("syslog")) {
            return Optional.empty();
        }
        String path = existingDirpath(s, homes);
        Path.of(path);
        return Optional.of(LogTarget.file(path));
    }

    /** Supervisor's {@code existing_dirpath}: {@code ~} expanded; the directory part, if any, must exist. */
    public static String existingDirpath(String s, HomeDirs homes) {
        String expanded = homes.expandUser(s);
        String dir = dirname(expanded);
        if (dir.isEmpty() || isDirectory(dir)) {
            return expanded;
        }
        throw new IllegalArgumentException("The directory named as part of the path " + s + " does not exist");
    }

    /** Supervisor's {@code existing_directory}: {@code ~} expanded; must be a directory. */
    public static String existingDirectory(String s, HomeDirs homes) {
        String expanded = homes.expandUser(s);
        if (isDirectory(expanded)) {
            return expanded;
        }
        throw new IllegalArgumentException(s + " is not an existing directory");
    }

    /** Python's {@code os.path.dirname}. */
    static String dirname(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return "";
        }
        String head = path.substring(0, slash + 1);
        String trimmed = head.replaceAll("/+$", "");
        return trimmed.isEmpty() ? head : trimmed;
    }

    /** Python's {@code os.path.isdir}, relative paths against the working directory. */
    static boolean isDirectory(String path) {
        return Files.isDirectory(Path.of(path).toAbsolutePath());
    }
}
