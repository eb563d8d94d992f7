package steward.agent.readiness;

import com.sun.jna.Native;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import steward.agent.os.Errno;
import steward.agent.os.EventLoop;
import steward.agent.os.Fds;
import steward.agent.os.LibC;
import steward.agent.os.Sockets;

/**
 * {@code ready=notify}: systemd's notification protocol. A unix datagram socket the child finds in
 * {@code NOTIFY_SOCKET}; each datagram is newline-separated {@code KEY=VALUE} pairs; {@code READY=1}
 * means ready, {@code STATUS=text} is shown in {@code status}. Watched by the loop's epoll.
 */
public final class NotifySocket implements AutoCloseable {
    private final EventLoop loop;
    private final Path path;
    private final int fd;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(4096);
    private final Consumer<String> onStatus;
    private Runnable onReady = () -> { };

    private NotifySocket(EventLoop loop, Path path, int fd, Consumer<String> onStatus) {
        this.loop = loop;
        this.path = path;
        this.fd = fd;
        this.onStatus = onStatus;
    }

    /**
     * Binds {@code path} (replacing a stale socket there), mode 0600 and owned by {@code uid} (when
     * not -1: the {@code user=} the process runs as, which must be able to send to it), and watches it.
     * Loop thread.
     */
    public static NotifySocket open(EventLoop loop, Path path, int uid, Consumer<String> onStatus) throws IOException {
        Files.deleteIfExists(path);
        int fd = Sockets.socket(Sockets.AF_UNIX,
                Sockets.SOCK_DGRAM | Sockets.SOCK_NONBLOCK | Sockets.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException("socket: " + Errno.name(Native.getLastError()));
        }
        byte[] sa = Sockets.unix(path.toString());
        if (Sockets.bind(fd, sa, sa.length) != 0) {
            int err = Native.getLastError();
            Fds.close(fd);
            throw new IOException("bind " + path + ": " + Errno.name(err));
        }
        if (Sockets.chmod(path.toString(), 0600) != 0 || uid >= 0 && Sockets.chown(path.toString(), uid, -1) != 0) {
            int err = Native.getLastError();
            Fds.close(fd);
            Files.deleteIfExists(path);
            throw new IOException("chmod/chown " + path + ": " + Errno.name(err));
        }
        NotifySocket s = new NotifySocket(loop, path, fd, onStatus);
        loop.register(fd, LibC.EPOLLIN, events -> s.receive());
        return s;
    }

    public Path path() {
        return path;
    }

    /** What to do on the next {@code READY=1}. Loop thread. */
    public void onReady(Runnable r) {
        onReady = r;
    }

    private void receive() {
        while (true) {
            buffer.clear();
            int n = Fds.read(fd, buffer);
            if (n <= 0) {
                return;
            }
            buffer.flip();
            byte[] b = new byte[buffer.remaining()];
            buffer.get(b);
            NotifyMessage m = NotifyMessage.parse(new String(b, StandardCharsets.UTF_8));
            m.status().ifPresent(onStatus);
            if (m.ready()) {
                ready();
            }
        }
    }

    /** {@code READY=1} as if received here (the process said it on its notify pipe instead). Loop thread. */
    public void ready() {
        Runnable r = onReady;
        onReady = () -> { };
        r.run();
    }

    @Override
    public void close() {
        loop.unregister(fd);
        Fds.close(fd);
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
