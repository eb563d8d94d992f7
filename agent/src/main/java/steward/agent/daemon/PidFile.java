package steward.agent.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The daemon's pidfile: written once running, removed on a clean exit. Written to a fresh temp file
 * of a random name (created with O_EXCL, so nothing planted in a shared directory is followed or
 * reused) that is renamed over the pidfile (rename replaces a link; it never writes through one).
 */
final class PidFile {
    private final Path path;

    PidFile(Path path) {
        this.path = path;
    }

    void write(long pid) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + path.getFileName() + ".", ".tmp");
        try {
            Files.writeString(tmp, pid + "\n", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
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
