package steward.agent.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The daemon's pidfile: written once running, removed on a clean exit. */
final class PidFile {
    private final Path path;

    PidFile(Path path) {
        this.path = path;
    }

    void write(long pid) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.writeString(tmp, pid + "\n");
        Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    Optional<Long> read() {
        try {
            return Optional.of(Long.parseLong(Files.readString(path).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    void remove() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // leaving a stale pidfile is harmless
        }
    }

    Path path() {
        return path;
    }
}
