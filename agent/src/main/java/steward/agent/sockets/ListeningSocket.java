package steward.agent.sockets;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import steward.agent.os.Fds;
import steward.agent.os.LibC;
import steward.agent.os.Sockets;
import steward.compat.config.FcgiSocket;
import steward.compat.config.HeldSocket;

/**
 * Creates a listening socket the daemon holds and hands to children, as Supervisor's socket configs
 * do: tcp with SO_REUSEADDR bound to the host's IPv4 address; unix after removing a socket file left
 * at the path, then chown and chmod; listen with the given backlog or SOMAXCONN. The fd is
 * close-on-exec (the engine dup's it into a child). Used for {@code [fcgi-program:x]}'s
 * {@code socket=} and {@code [program:x]}'s {@code sockets=}.
 */
public final class ListeningSocket {
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    /** {@code BPF_RET | BPF_K}: return the constant k. */
    private static final int BPF_RET_K = 0x06;

    private ListeningSocket() {
    }

    /** Thrown with Supervisor's kind of reason ("[Errno 98] Address already in use"). */
    public static final class SocketError extends IOException {
        SocketError(String message) {
            super(message);
        }
    }

    /** An fcgi-program's socket, with its {@code socket_owner}, {@code socket_mode} and {@code socket_backlog}. */
    public static int open(FcgiSocket config) throws SocketError {
        int backlog = config.backlog().orElse(Sockets.SOMAXCONN);
        if (!config.isUnix()) {
            return tcp(config.host(), config.port(), backlog, false, false);
        }
        return unix(config.path().orElseThrow(), config.owner().map(o -> new int[] {o.uid(), o.gid()}),
                config.mode(), backlog, false);
    }

    /**
     * A held socket of {@code sockets=}, with SOMAXCONN's backlog; a tcp one also with SO_REUSEPORT
     * (a restart opens the next generation beside it, see {@link #steer}); a unix one is mode 0666 (any local
     * peer, such as a web server running as another user, may connect) and only a socket file may be
     * found and replaced at its path.
     */
    public static int open(HeldSocket socket) throws SocketError {
        if (!socket.isUnix()) {
            return tcp(socket.host(), socket.port(), Sockets.SOMAXCONN, true, true);
        }
        return unix(socket.path().orElseThrow(), Optional.empty(), OptionalInt.of(0666), Sockets.SOMAXCONN, true);
    }

    /**
     * The next generation of a held tcp socket: it joins the reuseport group of the one open there.
     * A first one ({@link #open(HeldSocket)}) refuses a port something already listens on (as a bind
     * without SO_REUSEPORT would), so that it never joins another program's group.
     */
    static int next(HeldSocket socket) throws SocketError {
        return tcp(socket.host(), socket.port(), Sockets.SOMAXCONN, true, false);
    }

    /**
     * Sends every new connection of the reuseport group {@code fd} belongs to to the group's socket at
     * {@code index} (in the kernel's order): a one-instruction classic BPF program, {@code ret #index}
     * ({@code BPF_RET|BPF_K}), attached with {@code SO_ATTACH_REUSEPORT_CBPF} (no privilege needed).
     * An index the group does not have falls back to the kernel's hash.
     */
    public static void steer(int fd, int index) throws SocketError {
        try (Memory filter = new Memory(8); Memory prog = new Memory(16)) {
            filter.clear();
            filter.setShort(0, (short) BPF_RET_K); // struct sock_filter {u16 code; u8 jt; u8 jf; u32 k}
            filter.setInt(4, index);
            prog.clear();
            prog.setShort(0, (short) 1); // struct sock_fprog {u16 len; (pad) struct sock_filter *filter}
            prog.setPointer(Native.POINTER_SIZE == 8 ? 8 : 4, filter);
            int size = Native.POINTER_SIZE == 8 ? 16 : 8;
            if (Sockets.setsockopt(fd, Sockets.SOL_SOCKET, Sockets.SO_ATTACH_REUSEPORT_CBPF, prog, size) != 0) {
                throw new SocketError(errno());
            }
        }
    }

    private static int tcp(String host, int port, int backlog, boolean reusePort, boolean first)
            throws SocketError {
        InetAddress ip;
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            ip = Arrays.stream(all).filter(a -> a instanceof Inet4Address).findFirst()
                    .orElseThrow(() -> new SocketError("[Errno -9] Address family for hostname not supported"));
        } catch (UnknownHostException e) {
            throw new SocketError("[Errno -2] Name or service not known");
        }
        if (first && TcpTable.all((int) ProcessHandle.current().pid()).listensOn(ip.getAddress(), port)) {
            throw new SocketError("[Errno 98] Address already in use");
        }
        byte[] addr = Sockets.inet(ip, port);
        int fd = check(Sockets.socket(Sockets.AF_INET, Sockets.SOCK_STREAM | Sockets.SOCK_CLOEXEC, 0),
                -1, null);
        check(Sockets.setsockopt(fd, Sockets.SOL_SOCKET, Sockets.SO_REUSEADDR, new int[] {1}, 4), fd, null);
        if (reusePort) {
            check(Sockets.setsockopt(fd, Sockets.SOL_SOCKET, Sockets.SO_REUSEPORT, new int[] {1}, 4), fd, null);
        }
        check(Sockets.bind(fd, addr, addr.length), fd, null);
        check(Sockets.listen(fd, backlog), fd, null);
        return fd;
    }

    private static int unix(Path path, Optional<int[]> owner, OptionalInt mode, int backlog, boolean onlySockets)
            throws SocketError {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= 108) {
            throw new SocketError("AF_UNIX path too long");
        }
        removeStale(path, onlySockets);
        byte[] addr = Sockets.unix(path.toString());
        int fd = check(Sockets.socket(Sockets.AF_UNIX, Sockets.SOCK_STREAM | Sockets.SOCK_CLOEXEC, 0),
                -1, null);
        check(Sockets.bind(fd, addr, addr.length), fd, null);
        if (owner.isPresent() && Sockets.chown(path.toString(), owner.get()[0], owner.get()[1]) != 0) {
            String why = errno();
            fail(fd, path);
            throw new SocketError("Could not change ownership of socket file: " + why);
        }
        if (mode.isPresent() && Sockets.chmod(path.toString(), mode.getAsInt()) != 0) {
            String why = errno();
            fail(fd, path);
            throw new SocketError("Could not change permissions of socket file: " + why);
        }
        check(Sockets.listen(fd, backlog), fd, path);
        return fd;
    }

    private static void removeStale(Path path, boolean onlySockets) throws SocketError {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) { // unlink(2) refuses it, empty or not, as for supervisord
            throw new SocketError("[Errno 21] Is a directory: '" + path + "'");
        }
        try {
            if (onlySockets) {
                int mode;
                try {
                    mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    return;
                }
                if ((mode & S_IFMT) != S_IFSOCK) {
                    throw new SocketError("[Errno 17] File exists (and is not a socket): " + path);
                }
            }
            Files.deleteIfExists(path);
        } catch (SocketError e) {
            throw e;
        } catch (java.nio.file.AccessDeniedException e) {
            throw new SocketError("[Errno 13] Permission denied: '" + path + "'");
        } catch (IOException e) {
            throw new SocketError(e.toString());
        }
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
