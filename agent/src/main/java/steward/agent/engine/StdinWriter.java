package steward.agent.engine;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import steward.agent.os.EventLoop;
import steward.agent.os.Fds;
import steward.agent.os.LibC;

/** Buffers bytes for a child's stdin and writes them as the pipe accepts them. */
final class StdinWriter implements ProcessStdin {
    private final EventLoop loop;
    private final int fd;
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private boolean watching;
    private boolean open = true;

    StdinWriter(EventLoop loop, int fd) {
        this.loop = loop;
        this.fd = fd;
    }

    /** Queues {@code bytes}; returns false when the pipe is closed (the child went away). */
    @Override
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

    void close() {
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
