package steward.agent.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import steward.agent.logs.DaemonLog;
import steward.agent.logs.LogSink;
import steward.agent.os.EventLoop;
import steward.agent.os.Fds;
import steward.agent.os.LibC;
import steward.compat.config.LogLevel;

/**
 * Drains one child output pipe into its sink, on the event loop: the child never blocks on us and
 * every byte it wrote reaches the file within one loop turn. Closes the pipe at end of file.
 */
final class OutputPump {
    private static final int MAX_READS_PER_TURN = 32;

    private final EventLoop loop;
    private final int fd;
    private final LogSink sink;
    private final ByteBuffer buffer;
    private final DaemonLog log;
    private final String label;
    private boolean open = true;

    OutputPump(EventLoop loop, int fd, LogSink sink, ByteBuffer sharedBuffer, DaemonLog log, String label) {
        this.loop = loop;
        this.fd = fd;
        this.sink = sink;
        this.buffer = sharedBuffer;
        this.log = log;
        this.label = label;
        loop.register(fd, LibC.EPOLLIN, mask -> drain());
    }

    /** Reads what is available now; closes the pipe at end of file or error. */
    void drain() {
        for (int i = 0; open && i < MAX_READS_PER_TURN; i++) {
            buffer.clear();
            int n = Fds.read(fd, buffer);
            if (n > 0) {
                buffer.flip();
                if (log.enabled(LogLevel.DEBG)) {
                    debugCopy();
                }
                sink.write(buffer);
            } else if (n == -1) {
                return;
            } else {
                close();
            }
        }
    }

    private void debugCopy() {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        log.debug("'" + label + " output:\n" + new String(bytes, StandardCharsets.UTF_8));
    }

    boolean isOpen() {
        return open;
    }

    void close() {
        if (open) {
            open = false;
            loop.unregister(fd);
            Fds.close(fd);
        }
    }
}
