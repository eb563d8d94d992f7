package steward.agent.logs;

import java.io.Closeable;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;

/** Where a child's output channel goes. Used from the event loop thread only. */
public interface LogSink extends Closeable {

    /**
     * Opens the file for a process about to start, when it is not open yet; a file that cannot be
     * opened is a {@link OpenFailed} naming the path and errno (the spawn error). Default: nothing.
     */
    default void acquire() throws OpenFailed {
    }

    /** Closes the file's descriptor once the process has exited (it is opened again by the next start). */
    default void release() {
    }

    /** A log file that cannot be opened: {@code errno} is "EISDIR", "EMFILE", "EACCES"… */
    final class OpenFailed extends java.io.IOException {
        private final String errno;

        public OpenFailed(Path path, String errno, String reason) {
            super("cannot open log file " + path + ": " + errno + " (" + reason + ")");
            this.errno = errno;
        }

        public String errno() {
            return errno;
        }
    }

    /** Writes all remaining bytes of {@code data}. */
    void write(ByteBuffer data);

    /** Closes and reopens the file under the same name (SIGUSR2, external logrotate). */
    void reopen();

    /** Truncates the file and removes its backups. */
    void clear();

    /** The file written to, if any (tail and read calls use it). */
    Optional<Path> file();

    @Override
    void close();

    /** A sink that drops everything (logfile NONE). */
    LogSink DISCARD = new LogSink() {
        @Override
        public void write(ByteBuffer data) {
            data.position(data.limit());
        }

        @Override
        public void reopen() {
        }

        @Override
        public void clear() {
        }

        @Override
        public Optional<Path> file() {
            return Optional.empty();
        }

        @Override
        public void close() {
        }
    };
}
