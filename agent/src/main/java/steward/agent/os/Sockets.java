package steward.agent.os;

import com.sun.jna.Native;

/**
 * The socket calls the JDK does not make on raw file descriptors: fcgi-programs' listening sockets
 * (handed to children as fd 0) and readiness probes' non-blocking sockets the engine's epoll loop
 * watches. JNA direct mapping, like {@link LibC}; addresses are the bytes of a {@code sockaddr}
 * ({@link #inet}, {@link #unix}).
 */
public final class Sockets {
    static {
        Native.register("libc.so.6");
    }

    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_NONBLOCK = 04000;
    public static final int SOCK_CLOEXEC = 02000000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_REUSEADDR = 2;
    public static final int SO_ERROR = 4;
    public static final int SO_REUSEPORT = 15;
    /** A classic BPF program choosing the socket of a reuseport group by index ({@code struct sock_fprog}). */
    public static final int SO_ATTACH_REUSEPORT_CBPF = 51;
    public static final int EINPROGRESS = 115;
    /** Python's socket.SOMAXCONN on Linux, Supervisor's backlog when socket_backlog is unset. */
    public static final int SOMAXCONN = 4096;

    private Sockets() {
    }

    public static native int socket(int domain, int type, int protocol);

    public static native int connect(int fd, byte[] addr, int len);

    public static native int bind(int fd, byte[] addr, int len);

    public static native int listen(int fd, int backlog);

    public static native int setsockopt(int fd, int level, int name, int[] value, int len);

    public static native int setsockopt(int fd, int level, int name, com.sun.jna.Pointer value, int len);

    public static native int getsockopt(int fd, int level, int name, int[] value, int[] len);

    public static native int chmod(String path, int mode);

    public static native int chown(String path, int uid, int gid);

    /** {@code sockaddr_in} or {@code sockaddr_in6} for an address and port. */
    public static byte[] inet(java.net.InetAddress a, int port) {
        byte[] ip = a.getAddress();
        byte[] s = new byte[ip.length == 4 ? 16 : 28];
        int family = ip.length == 4 ? AF_INET : AF_INET6;
        s[0] = (byte) family; // sa_family, little-endian short
        s[1] = (byte) (family >> 8);
        s[2] = (byte) (port >> 8);
        s[3] = (byte) port;
        System.arraycopy(ip, 0, s, ip.length == 4 ? 4 : 8, ip.length);
        return s;
    }

    /** {@code sockaddr_un} for a path (at most 107 bytes). */
    public static byte[] unix(String path) {
        byte[] p = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (p.length > 107) {
            throw new IllegalArgumentException("socket path too long (" + p.length + " bytes): " + path);
        }
        byte[] s = new byte[2 + p.length + 1];
        s[0] = (byte) AF_UNIX;
        System.arraycopy(p, 0, s, 2, p.length);
        return s;
    }

    /** The pending error of a connecting socket (0 when connected). */
    public static int pendingError(int fd) {
        int[] v = new int[1];
        int[] len = {4};
        return getsockopt(fd, SOL_SOCKET, SO_ERROR, v, len) == 0 ? v[0] : Native.getLastError();
    }
}
