package steward.agent.os;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The glibc calls the JDK cannot make: posix_spawn with process groups, signal masks and chdir,
 * pidfds, epoll, pipes and raw signals. Linux only (glibc ≥ 2.34 for closefrom in spawn actions).
 */
public interface LibC extends Library {
    LibC C = Native.load("libc.so.6", LibC.class);

    int O_NONBLOCK = 04000;
    int O_CLOEXEC = 02000000;
    int EPOLL_CLOEXEC = O_CLOEXEC;
    int EFD_NONBLOCK = O_NONBLOCK;
    int EFD_CLOEXEC = O_CLOEXEC;
    int EPOLLIN = 0x001;
    int EPOLLOUT = 0x004;
    int EPOLLERR = 0x008;
    int EPOLLHUP = 0x010;
    int EPOLL_CTL_ADD = 1;
    int EPOLL_CTL_DEL = 2;
    int EPOLL_CTL_MOD = 3;
    int WNOHANG = 1;
    int POSIX_SPAWN_SETPGROUP = 0x02;
    int POSIX_SPAWN_SETSIGDEF = 0x04;
    int POSIX_SPAWN_SETSIGMASK = 0x08;
    int POSIX_SPAWN_SETSID = 0x80;
    long SYS_PIDFD_OPEN = 434;
    int F_GETFL = 3;
    int F_SETFL = 4;
    int RLIMIT_NOFILE = 7;
    int PR_SET_CHILD_SUBREAPER = 36;

    int posix_spawn(int[] pid, String path, Pointer fileActions, Pointer attr, Pointer argv, Pointer envp);

    int posix_spawn_file_actions_init(Pointer actions);

    int posix_spawn_file_actions_destroy(Pointer actions);

    int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newfd);

    int posix_spawn_file_actions_addclose(Pointer actions, int fd);

    int posix_spawn_file_actions_addopen(Pointer actions, int fd, String path, int oflag, int mode);

    int posix_spawn_file_actions_addchdir_np(Pointer actions, String path);

    int posix_spawn_file_actions_addclosefrom_np(Pointer actions, int from);

    int posix_spawnattr_init(Pointer attr);

    int posix_spawnattr_destroy(Pointer attr);

    int posix_spawnattr_setflags(Pointer attr, short flags);

    int posix_spawnattr_setpgroup(Pointer attr, int pgroup);

    int posix_spawnattr_setsigmask(Pointer attr, Pointer sigmask);

    int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigdefault);

    int sigemptyset(Pointer set);

    int sigfillset(Pointer set);

    int sigdelset(Pointer set, int signo);

    int pipe2(int[] fds, int flags);

    int close(int fd);

    long read(int fd, Pointer buf, long count);

    long write(int fd, Pointer buf, long count);

    int fcntl(int fd, int cmd, int arg);

    long syscall(long number, Object... args);

    int waitpid(int pid, int[] status, int options);

    int P_ALL = 0;
    int WEXITED = 4;
    int WNOWAIT = 0x01000000;

    /** waitid(2); with {@code infop} a 128-byte siginfo_t whose si_pid is at offset 16. */
    int waitid(int idtype, int id, Pointer infop, int options);

    int kill(int pid, int sig);

    int getpid();

    int umask(int mask);

    int epoll_create1(int flags);

    int epoll_ctl(int epfd, int op, int fd, Pointer event);

    int epoll_wait(int epfd, Pointer events, int maxevents, int timeout);

    int eventfd(int initval, int flags);

    Pointer signal(int signum, Pointer handler);

    int getrlimit(int resource, long[] rlim);

    int initgroups(String user, int group);

    int setgid(int gid);

    int setuid(int uid);

    int setrlimit(int resource, long[] rlim);

    int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    int geteuid();

    String strerror(int errnum);

    int open(String path, int flags, int mode);

    Pointer getpwnam(String name);

    int O_RDWR = 2;
}
