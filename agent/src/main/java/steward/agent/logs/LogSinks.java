package steward.agent.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import steward.compat.config.LogConfig;

/** Opens the sink a channel's {@link LogConfig} asks for, naming AUTO files as Supervisor does. */
public final class LogSinks {
    private static final String RANDOM_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_";

    private final Path childlogdir;
    private final String identifier;
    private final SplittableRandom random = new SplittableRandom();
    private final java.util.function.Consumer<String> problems;

    /** Write problems of the files go to stderr. */
    public LogSinks(Path childlogdir, String identifier) {
        this(childlogdir, identifier, System.err::println);
    }

    /** @param problems hears each file's write problems, one line per kind (the daemon log) */
    public LogSinks(Path childlogdir, String identifier, java.util.function.Consumer<String> problems) {
        this.childlogdir = childlogdir;
        this.identifier = identifier;
        this.problems = problems;
    }

    /**
     * The sink for one channel of process {@code processName}; {@code channel} is "stdout" or "stderr".
     * Files are opened when the process starts ({@link LogSink#acquire}), not here.
     */
    public LogSink open(LogConfig config, String processName, String channel) {
        try {
            switch (config.target().kind()) {
                case NONE:
                    return LogSink.DISCARD;
                case AUTO:
                    return new DeferredLogSink(createAuto(processName, channel), config.maxbytes(), config.backups(),
                            true, problems);
                default:
                    Path path = config.target().path();
                    if (StreamSink.isStream(path)) {
                        return StreamSink.open(path);
                    }
                    return new DeferredLogSink(path, config.maxbytes(), config.backups(), false, problems);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates {@code <name>-<channel>---<identifier>-<8 random>.log} with mode 0600, like mkstemp; when
     * that fails (childlogdir missing, no descriptors), the name is kept and the file is created when
     * the process starts, which reports the failure for that program alone.
     */
    private Path createAuto(String processName, String channel) {
        var perms = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
        while (true) {
            StringBuilder suffix = new StringBuilder(8);
            for (int i = 0; i < 8; i++) {
                suffix.append(RANDOM_CHARS.charAt(random.nextInt(RANDOM_CHARS.length())));
            }
            Path p = childlogdir.resolve(processName + "-" + channel + "---" + identifier + "-" + suffix + ".log");
            try {
                return Files.createFile(p, perms);
            } catch (FileAlreadyExistsException e) {
                // try another name
            } catch (IOException e) {
                return p;
            }
        }
    }

    /** Deletes AUTO logs (and their backups) left by an earlier run, as supervisord does at start. */
    public void removeStaleAutoLogs() {
        Pattern p = Pattern.compile(".+?---" + Pattern.quote(identifier) + "-\\S+\\.log\\.?\\d{0,4}");
        try (var files = Files.list(childlogdir)) {
            files.filter(f -> p.matcher(f.getFileName().toString()).matches()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // best effort, as supervisord
                }
            });
        } catch (IOException ignored) {
            // no childlogdir yet
        }
    }
}
