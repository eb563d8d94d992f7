package steward.agent.logs;

import java.io.Closeable;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;

/** Where a child's output channel goes. Used from the event loop thread only. */
public interface LogSink extends Closeable {

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
