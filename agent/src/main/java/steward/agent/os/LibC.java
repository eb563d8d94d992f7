package steward.agent.os;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The glibc calls the JDK cannot make: posix_spawn with process groups, signal masks and chdir,
 * pidfds, epoll, pipes and raw signals. Linux only (glibc ≥ 2.34 for closefrom in spawn actions).
 * JNA direct mapping (native methods bound with {@code Native.register}): a call costs a JNI
 * transition, where an interface proxy went through reflection on every call (measured: spawning
 * 200 programs took 276 ms that way).
 */
public final class LibC {
    static {
        Native.register("libc.so.6");
    }

    private LibC() {
    }

    public static final int O_NONBLOCK = 04000;
    public static final int O_CLOEXEC = 02000000;
    public static final int EPOLL_CLOEXEC = O_CLOEXEC;
    public static final int EFD_NONBLOCK = O_NONBLOCK;
    public static final int EFD_CLOEXEC = O_CLOEXEC;
    public static final int EPOLLIN = 0x001;
    public static final int EPOLLOUT = 0x004;
    public static final int EPOLLERR = 0x008;
    public static final int EPOLLHUP = 0x010;
    public static final int EPOLL_CTL_ADD = 1;
    public static final int EPOLL_CTL_DEL = 2;
    public static final int EPOLL_CTL_MOD = 3;
    public static final int WNOHANG = 1;
    public static final int POSIX_SPAWN_SETPGROUP = 0x02;
    public static final int POSIX_SPAWN_SETSIGDEF = 0x04;
    public static final int POSIX_SPAWN_SETSIGMASK = 0x08;
    public static final int POSIX_SPAWN_SETSID = 0x80;
    public static final long SYS_PIDFD_OPEN = 434;
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;
    public static final int F_DUPFD_CLOEXEC = 1030;
    public static final int RLIMIT_NOFILE = 7;
    public static final int PR_SET_CHILD_SUBREAPER = 36;

    public static native int posix_spawn(int[] pid, String path, Pointer fileActions, Pointer attr, Pointer argv, Pointer envp);

    public static native int posix_spawn_file_actions_init(Pointer actions);

    public static native int posix_spawn_file_actions_destroy(Pointer actions);

    public static native int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newfd);

    public static native int posix_spawn_file_actions_addchdir_np(Pointer actions, String path);

    public static native int posix_spawn_file_actions_addclosefrom_np(Pointer actions, int from);

    public static native int posix_spawnattr_init(Pointer attr);

    public static native int posix_spawnattr_destroy(Pointer attr);

    public static native int posix_spawnattr_setflags(Pointer attr, short flags);

    public static native int posix_spawnattr_setpgroup(Pointer attr, int pgroup);

    public static native int posix_spawnattr_setsigmask(Pointer attr, Pointer sigmask);

    public static native int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigdefault);

    public static native int sigemptyset(Pointer set);

    public static native int pipe2(int[] fds, int flags);

    public static native int close(int fd);

    public static native long read(int fd, Pointer buf, long count);

    public static native long write(int fd, Pointer buf, long count);

    public static native int fcntl(int fd, int cmd, int arg);

    public static native long syscall(long number, long arg1, long arg2);

    public static native int waitpid(int pid, int[] status, int options);

    public static final int P_ALL = 0;
    public static final int WEXITED = 4;
    public static final int WNOWAIT = 0x01000000;

    /** waitid(2); with {@code infop} a 128-byte siginfo_t whose si_pid is at offset 16. */
    public static native int waitid(int idtype, int id, Pointer infop, int options);

    public static native int kill(int pid, int sig);

    public static native int getpid();

    public static native int umask(int mask);

    public static native int epoll_create1(int flags);

    public static native int epoll_ctl(int epfd, int op, int fd, Pointer event);

    public static native int epoll_wait(int epfd, Pointer events, int maxevents, int timeout);

    public static native int eventfd(int initval, int flags);

    public static native Pointer signal(int signum, Pointer handler);

    public static native int getrlimit(int resource, long[] rlim);

    public static native int initgroups(String user, int group);

    public static native int setgid(int gid);

    public static native int setuid(int uid);

    public static native int setrlimit(int resource, long[] rlim);

    public static native int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    public static native int geteuid();

    public static native String strerror(int errnum);

    public static native int open(String path, int flags, int mode);

    /** pread(2) into a Java array (JNA copies it back): what re-reads a held /proc file. */
    public static native long pread(int fd, byte[] buf, long count, long offset);

    public static native Pointer getpwnam(String name);

    public static final int O_RDWR = 2;
}
