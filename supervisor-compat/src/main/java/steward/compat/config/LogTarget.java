package steward.compat.config;

import java.nio.file.Path;

/**
 * Where a channel goes: an auto-named file in childlogdir, nowhere, or a given path (maybe /dev/stdout).
 *
 * @param written for FILE, the path as written in the conf after expansions (Supervisor reports it so:
 *     {@code /var/log//x.log} keeps both slashes); null otherwise
 */
public record LogTarget(Kind kind, String written) {
    public enum Kind { AUTO, NONE, FILE }

    public static final LogTarget AUTO = new LogTarget(Kind.AUTO, null);
    public static final LogTarget NONE = new LogTarget(Kind.NONE, null);

    public static LogTarget file(Path path) {
        return new LogTarget(Kind.FILE, path.toString());
    }

    /** A file target kept as written; {@link #path()} is what the engine opens. */
    public static LogTarget file(String written) {
        return new LogTarget(Kind.FILE, written);
    }

    /** The file to open, for FILE; null otherwise. */
    public Path path() {
        return written == null ? null : Path.of(written);
    }
}
