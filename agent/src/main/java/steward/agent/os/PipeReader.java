package steward.agent.os;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Drains one non-blocking pipe on the event loop into a consumer, and closes it at end of file
 * (which may come long after the child exited, when a grandchild holds the pipe). A readable
 * event reads a bounded number of chunks, so one chatty child cannot starve the loop; an explicit
 * {@link #drain()} takes everything available now. Loop thread only.
 */
public final class PipeReader {
    private static final int MAX_READS_PER_EVENT = 32;

    private final EventLoop loop;
    private final int fd;
    private final ByteBuffer buffer;
    private final Consumer<ByteBuffer> data;
    private final Runnable endOfFile;
    private boolean open = true;

    /**
     * @param buffer a direct buffer, shared by the loop's readers
     * @param data gets each chunk read, positioned at its first byte
     * @param endOfFile runs once when the pipe is closed at end of file or error
     */
    public PipeReader(EventLoop loop, int fd, ByteBuffer buffer, Consumer<ByteBuffer> data, Runnable endOfFile) {
        this.loop = loop;
        this.fd = fd;
        this.buffer = buffer;
        this.data = data;
        this.endOfFile = endOfFile;
        loop.register(fd, LibC.EPOLLIN, mask -> read(MAX_READS_PER_EVENT));
    }

    /** Reads everything available now (before an exit is reported, so output comes first). */
    public void drain() {
        read(Integer.MAX_VALUE);
    }

    private void read(int maxReads) {
        for (int i = 0; open && i < maxReads; i++) {
            buffer.clear();
            int n = Fds.read(fd, buffer);
            if (n > 0) {
                buffer.flip();
                data.accept(buffer);
            } else if (n == -1) {
                return;
            } else {
                close();
                endOfFile.run();
            }
        }
    }

    /** Stops reading and closes the pipe. */
    public void close() {
        if (open) {
            open = false;
            loop.unregister(fd);
            Fds.close(fd);
        }
    }
}
