package steward.compat.config;

import java.nio.file.Path;

/** Where a channel goes: an auto-named file in childlogdir, nowhere, or a given path (maybe /dev/stdout). */
public record LogTarget(Kind kind, Path path) {
    public enum Kind { AUTO, NONE, FILE }

    public static final LogTarget AUTO = new LogTarget(Kind.AUTO, null);
    public static final LogTarget NONE = new LogTarget(Kind.NONE, null);

    public static LogTarget file(Path path) {
        return new LogTarget(Kind.FILE, path);
    }
}
