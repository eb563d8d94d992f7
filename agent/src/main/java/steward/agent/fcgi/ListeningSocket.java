package steward.agent.fcgi;

import com.sun.jna.Native;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import steward.agent.os.Fds;
import steward.agent.os.LibC;
import steward.agent.os.Sockets;
import steward.compat.config.FcgiSocket;

/**
 * Creates an fcgi-program's listening socket as Supervisor's socket configs do: tcp with
 * SO_REUSEADDR bound to the host's IPv4 address; unix after removing a file left at the path (a
 * directory there is refused with EISDIR, as supervisord's os.unlink refuses it), then
 * chown ({@code socket_owner}) and chmod ({@code socket_mode}); listen with {@code socket_backlog} or
 * SOMAXCONN. The fd is close-on-exec (the engine dup's it onto a child's stdin).
 */
final class ListeningSocket {
    private ListeningSocket() {
    }

    /** Thrown with Supervisor's kind of reason ("[Errno 98] Address already in use"). */
    static final class SocketError extends IOException {
        SocketError(String message) {
            super(message);
        }
    }

    static int open(FcgiSocket config) throws SocketError {
        return config.isUnix() ? unix(config) : tcp(config);
    }

    private static int tcp(FcgiSocket config) throws SocketError {
        InetAddress ip;
        try {
            InetAddress[] all = InetAddress.getAllByName(config.host());
            ip = Arrays.stream(all).filter(a -> a instanceof Inet4Address).findFirst()
                    .orElseThrow(() -> new SocketError("[Errno -9] Address family for hostname not supported"));
        } catch (UnknownHostException e) {
            throw new SocketError("[Errno -2] Name or service not known");
        }
        byte[] addr = Sockets.inet(ip, config.port());
        int fd = check(Sockets.socket(Sockets.AF_INET, Sockets.SOCK_STREAM | Sockets.SOCK_CLOEXEC, 0),
                -1, null);
        check(Sockets.setsockopt(fd, Sockets.SOL_SOCKET, Sockets.SO_REUSEADDR, new int[] {1}, 4), fd, null);
        check(Sockets.bind(fd, addr, addr.length), fd, null);
        listen(fd, config, null);
        return fd;
    }

    private static int unix(FcgiSocket config) throws SocketError {
        Path path = config.path().orElseThrow();
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= 108) {
            throw new SocketError("AF_UNIX path too long");
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) { // unlink(2) refuses it, empty or not, as for supervisord
            throw new SocketError("[Errno 21] Is a directory: '" + path + "'");
        }
        try {
            Files.deleteIfExists(path);
        } catch (AccessDeniedException e) {
            throw new SocketError("[Errno 13] Permission denied: '" + path + "'");
        } catch (IOException e) {
            throw new SocketError(e.toString());
        }
        byte[] addr = Sockets.unix(path.toString());
        int fd = check(Sockets.socket(Sockets.AF_UNIX, Sockets.SOCK_STREAM | Sockets.SOCK_CLOEXEC, 0),
                -1, null);
        check(Sockets.bind(fd, addr, addr.length), fd, null);
        if (config.owner().isPresent()) {
            FcgiSocket.Owner o = config.owner().get();
            if (Sockets.chown(path.toString(), o.uid(), o.gid()) != 0) {
                fail(fd, path);
                throw new SocketError("Could not change ownership of socket file: " + errno());
            }
        }
        if (config.mode().isPresent() && Sockets.chmod(path.toString(), config.mode().getAsInt()) != 0) {
            fail(fd, path);
            throw new SocketError("Could not change permissions of socket file: " + errno());
        }
        listen(fd, config, path);
        return fd;
    }

    private static void listen(int fd, FcgiSocket config, Path unlinkOnError) throws SocketError {
        check(Sockets.listen(fd, config.backlog().orElse(Sockets.SOMAXCONN)), fd, unlinkOnError);
    }

    private static int check(int rc, int fd, Path unlinkOnError) throws SocketError {
        if (rc >= 0) {
            return rc;
        }
        String why = errno();
        fail(fd, unlinkOnError);
        throw new SocketError(why);
    }

    private static void fail(int fd, Path unlink) {
        Fds.close(fd);
        if (unlink != null) {
            try {
                Files.deleteIfExists(unlink);
            } catch (IOException e) {
                // nothing more to undo
            }
        }
    }

    private static String errno() {
        int e = Native.getLastError();
        return "[Errno " + e + "] " + LibC.strerror(e);
    }
}
