package steward.agent.readiness;

import com.sun.jna.Native;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import steward.agent.os.EventLoop;
import steward.agent.os.Fds;
import steward.agent.os.LibC;
import steward.agent.os.Sockets;

/**
 * {@code ready=tcp:HOST:PORT} (a connection is accepted) and {@code ready=http://HOST:PORT/PATH}
 * (then {@code GET PATH} answers 2xx or 3xx): a non-blocking socket watched by the loop's epoll.
 * HOST is an IP address or any name; its {@link HostLookup} runs off the loop, once per watch.
 */
final class ConnectProbe implements Probe {
    private final HostLookup lookup;
    private final String host;
    private final int port;
    private final String path;
    private EventLoop loop;
    private int fd = -1;
    private Consumer<String> done;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(512);

    /** {@code path} null: TCP only. */
    ConnectProbe(HostLookup lookup, int port, String path) {
        this.lookup = lookup;
        this.host = lookup.host();
        this.port = port;
        this.path = path;
    }

    @Override
    public void start(EventLoop loop, Consumer<String> done) {
        this.loop = loop;
        this.done = done;
        lookup.get(loop, answer -> {
            if (this.done == null) {
                return; // cancelled meanwhile
            }
            if (answer.address() == null) {
                finish(answer.failure());
            } else {
                connect(answer.address());
            }
        });
    }

    private void connect(InetAddress address) {
        byte[] sa = Sockets.inet(address, port);
        fd = Sockets.socket(sa[0], Sockets.SOCK_STREAM | Sockets.SOCK_NONBLOCK | Sockets.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            finish("socket: " + LibC.strerror(Native.getLastError()));
            return;
        }
        if (Sockets.connect(fd, sa, sa.length) == 0) {
            connected();
            return;
        }
        int err = Native.getLastError();
        if (err != Sockets.EINPROGRESS) {
            finish(where() + ": " + LibC.strerror(err));
            return;
        }
        loop.register(fd, LibC.EPOLLOUT, events -> {
            loop.unregister(fd);
            int pending = Sockets.pendingError(fd);
            if (pending != 0) {
                finish(where() + ": " + LibC.strerror(pending));
            } else {
                connected();
            }
        });
    }

    private String where() {
        return "connect to " + host + ":" + port;
    }

    private void connected() {
        if (path == null) {
            finish(null);
            return;
        }
        byte[] req = ("GET " + path + " HTTP/1.0\r\nHost: " + host + ":" + port + "\r\nUser-Agent: steward-ready\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocateDirect(req.length);
        out.put(req).flip();
        if (Fds.write(fd, out) != req.length) {
            finish("GET " + path + ": request not sent");
            return;
        }
        loop.register(fd, LibC.EPOLLIN, events -> readStatus());
    }

    private void readStatus() {
        int n = Fds.read(fd, buffer);
        if (n == -1) {
            return;
        }
        String head = new String(bytes(), StandardCharsets.ISO_8859_1);
        int eol = head.indexOf("\r\n");
        if (eol < 0 && n > 0 && buffer.hasRemaining()) {
            return;
        }
        loop.unregister(fd);
        String status = eol < 0 ? head : head.substring(0, eol);
        String[] parts = status.split(" ", 3);
        if (parts.length >= 2 && parts[0].startsWith("HTTP/") && parts[1].matches("[23]\\d\\d")) {
            finish(null);
        } else {
            finish("GET http://" + host + ":" + port + path + ": " + (status.isEmpty() ? "no answer" : status));
        }
    }

    private byte[] bytes() {
        ByteBuffer b = buffer.duplicate();
        b.flip();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private void finish(String reason) {
        release();
        Consumer<String> d = done;
        done = null;
        if (d != null) {
            d.accept(reason);
        }
    }

    private void release() {
        if (fd >= 0) {
            loop.unregister(fd);
            Fds.close(fd);
            fd = -1;
        }
    }

    @Override
    public void cancel() {
        done = null;
        release();
    }
}
