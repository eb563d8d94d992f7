package steward.compat.config;

import java.nio.file.Path;

/**
 * A fatal configuration error, located: {@code FILE:LINE: [section] key: reason}. The line is the
 * offending key's (or the section header's when the key is missing); parts that do not apply are left
 * out ({@code FILE: reason} when there is no line).
 */
public final class ConfError extends Exception {
    private final String file;
    private final int line;
    private final String section;
    private final String key;
    private final String reason;

    public ConfError(Path file, int line, String section, String key, String reason) {
        super(format(file, line, section, key, reason));
        this.file = file == null ? null : file.toString();
        this.line = line;
        this.section = section;
        this.key = key;
        this.reason = reason;
    }

    /** An error about a whole file (not found, unreadable). */
    public static ConfError ofFile(Path file, String reason) {
        return new ConfError(file, 0, null, null, reason);
    }

    private static String format(Path file, int line, String section, String key, String reason) {
        StringBuilder b = new StringBuilder();
        b.append(file).append(':');
        if (line > 0) {
            b.append(line).append(':');
        }
        b.append(' ');
        if (section != null) {
            b.append('[').append(section).append("] ");
        }
        if (key != null) {
            b.append(key).append(": ");
        }
        return b.append(reason).toString();
    }

    public String file() {
        return file;
    }

    /** The line number, or 0 when the error concerns the whole file. */
    public int line() {
        return line;
    }

    /** The section name without brackets, or null. */
    public String section() {
        return section;
    }

    /** The option name, or null. */
    public String key() {
        return key;
    }

    public String reason() {
        return reason;
    }
}
