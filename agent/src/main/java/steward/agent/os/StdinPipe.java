package steward.agent.os;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/** Buffers bytes for a child's stdin and writes them as the pipe accepts them, never blocking the loop. Loop thread only. */
public final class StdinPipe {
    private final EventLoop loop;
    private final int fd;
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private boolean watching;
    private boolean open = true;

    StdinPipe(EventLoop loop, int fd) {
        this.loop = loop;
        this.fd = fd;
    }

    /** Queues {@code bytes}; returns false when the pipe is closed (the child went away). */
    public boolean write(byte[] bytes) {
        if (!open) {
            return false;
        }
        ByteBuffer b = ByteBuffer.allocateDirect(bytes.length);
        b.put(bytes).flip();
        pending.add(b);
        flush();
        return open;
    }

    private void flush() {
        while (!pending.isEmpty()) {
            ByteBuffer b = pending.peek();
            int n = Fds.write(fd, b);
            if (n == -1) {
                if (!watching) {
                    loop.register(fd, LibC.EPOLLOUT, mask -> flush());
                    watching = true;
                }
                return;
            }
            if (n < -1) {
                close();
                return;
            }
            if (!b.hasRemaining()) {
                pending.poll();
            }
        }
        if (watching) {
            loop.unregister(fd);
            watching = false;
        }
    }

    /** Closes the pipe (the child sees end of file); what was not written yet is dropped. */
    public void close() {
        if (open) {
            open = false;
            pending.clear();
            if (watching) {
                loop.unregister(fd);
                watching = false;
            }
            Fds.close(fd);
        }
    }
}
