package steward.agent.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A program's log file that holds a descriptor only while its process runs, as supervisord's
 * dispatchers do: {@link #acquire} at spawn opens it (or fails with the path and errno, which
 * becomes the spawn error of that one program), {@link #release} after the exit closes it. With
 * thousands of programs configured, only running ones cost descriptors. Output arriving while
 * released (a grandchild still writing) opens it again on demand.
 */
final class DeferredLogSink implements LogSink {
    private final Path path;
    private final long maxbytes;
    private final int backups;
    private final boolean ownerOnly;
    private final Consumer<String> problems;
    private RotatingLogFile file;

    /** @param ownerOnly create the file with mode 0600 when missing (AUTO logs, like mkstemp) */
    DeferredLogSink(Path path, long maxbytes, int backups, boolean ownerOnly, Consumer<String> problems) {
        this.path = path;
        this.maxbytes = maxbytes;
        this.backups = backups;
        this.ownerOnly = ownerOnly;
        this.problems = problems;
    }

    @Override
    public void acquire() throws OpenFailed {
        if (file != null) {
            return;
        }
        try {
            if (ownerOnly && !Files.exists(path)) {
                try {
                    Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (FileAlreadyExistsException raced) {
                    // fine
                }
            }
            if (Files.isDirectory(path)) {
                throw new OpenFailed(path, "EISDIR", "Is a directory");
            }
            file = new RotatingLogFile(path, maxbytes, backups, problems);
        } catch (OpenFailed e) {
            throw e;
        } catch (IOException | UncheckedIOException e) {
            IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw failure(path, io);
        }
    }

    /** The errno behind a failed open, from what the JDK reports. */
    static OpenFailed failure(Path path, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new OpenFailed(path, "ENOENT", "No such file or directory");
        }
        if (e instanceof AccessDeniedException) {
            return new OpenFailed(path, "EACCES", "Permission denied");
        }
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : String.valueOf(e.getMessage());
        String errno = switch (reason) {
            case "Is a directory" -> "EISDIR";
            case "Too many open files" -> "EMFILE";
            case "Too many open files in system" -> "ENFILE";
            case "Not a directory" -> "ENOTDIR";
            case "Read-only file system" -> "EROFS";
            case "No space left on device" -> "ENOSPC";
            default -> "EIO";
        };
        return new OpenFailed(path, errno, reason);
    }

    @Override
    public void release() {
        if (file != null) {
            file.close();
            file = null;
        }
    }

    @Override
    public void write(ByteBuffer data) {
        if (file == null) {
            try {
                acquire();
            } catch (OpenFailed e) {
                data.position(data.limit());
                problems.accept(e.getMessage() + "; output dropped");
                return;
            }
        }
        file.write(data);
    }

    @Override
    public void reopen() {
        if (file != null) {
            file.reopen();
        }
    }

    @Override
    public void clear() {
        if (file != null) {
            file.clear();
            return;
        }
        try {
            Files.deleteIfExists(path);
            for (int i = 1; i <= backups; i++) {
                Files.deleteIfExists(path.resolveSibling(path.getFileName() + "." + i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<Path> file() {
        return Optional.of(path);
    }

    @Override
    public void close() {
        release();
    }
}
