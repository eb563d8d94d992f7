package steward.agent.fcgi;

import com.sun.jna.Native;

/** The libc calls to make a listening socket the JDK would not hand over as a raw fd. */
final class SocketCalls {
    static {
        Native.register("libc.so.6");
    }

    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int SOCK_STREAM = 1;
    static final int SOCK_CLOEXEC = 02000000;
    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;
    /** Python's socket.SOMAXCONN on Linux, Supervisor's backlog when socket_backlog is unset. */
    static final int SOMAXCONN = 4096;

    private SocketCalls() {
    }

    static native int socket(int domain, int type, int protocol);

    static native int setsockopt(int fd, int level, int name, int[] value, int len);

    static native int bind(int fd, byte[] addr, int len);

    static native int listen(int fd, int backlog);

    static native int chmod(String path, int mode);

    static native int chown(String path, int uid, int gid);

    static native String strerror(int errnum);
}
