package steward.agent.readiness;

import com.sun.jna.Native;

/**
 * The socket calls readiness probes need, on raw non-blocking file descriptors the engine's epoll
 * loop can watch (JNA direct mapping, like {@code os.LibC}). Addresses are passed as the bytes of a
 * {@code sockaddr}.
 */
final class SocketCalls {
    static {
        Native.register("libc.so.6");
    }

    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_STREAM = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_NONBLOCK = 04000;
    static final int SOCK_CLOEXEC = 02000000;
    static final int SOL_SOCKET = 1;
    static final int SO_ERROR = 4;
    static final int EINPROGRESS = 115;

    private SocketCalls() {
    }

    static native int socket(int domain, int type, int protocol);

    static native int connect(int fd, byte[] addr, int len);

    static native int bind(int fd, byte[] addr, int len);

    static native int getsockopt(int fd, int level, int name, int[] value, int[] len);

    /** {@code sockaddr_in} or {@code sockaddr_in6} for an address and port. */
    static byte[] inet(java.net.InetAddress a, int port) {
        byte[] ip = a.getAddress();
        byte[] s = new byte[ip.length == 4 ? 16 : 28];
        int family = ip.length == 4 ? AF_INET : AF_INET6;
        s[0] = (byte) family;
        s[1] = (byte) (family >> 8);
        s[2] = (byte) (port >> 8);
        s[3] = (byte) port;
        System.arraycopy(ip, 0, s, ip.length == 4 ? 4 : 8, ip.length);
        return s;
    }

    /** {@code sockaddr_un} for a path (at most 107 bytes). */
    static byte[] unix(String path) {
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
    static int pendingError(int fd) {
        int[] v = new int[1];
        int[] len = {4};
        return getsockopt(fd, SOL_SOCKET, SO_ERROR, v, len) == 0 ? v[0] : Native.getLastError();
    }
}
