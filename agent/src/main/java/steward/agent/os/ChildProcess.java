package steward.agent.os;

import com.sun.jna.Native;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One child process on an {@link EventLoop}: spawned with posix_spawn in its own process group,
 * its stdout and stderr read through non-blocking pipes, its stdin a pipe, a given descriptor or
 * /dev/null, its exit noticed through a pidfd and reaped, its output drained before the exit is
 * reported. Whatever fails while starting, every descriptor made so far is closed. The engine,
 * cron and the {@code ready=exec:} checks start every child through this class. Loop thread only.
 */
public final class ChildProcess {
    /** {@link Spec#stdinFd} for a pipe the parent writes through {@link #stdin()}. */
    public static final int STDIN_PIPE = -1;
    /** {@link Spec#stdinFd} for /dev/null. */
    public static final int STDIN_NULL = -2;

    /**
     * What to start. {@code umask} &lt; 0 keeps the daemon's; {@code stdinFd} is a descriptor to give
     * the child (not closed here), {@link #STDIN_PIPE} or {@link #STDIN_NULL}; with
     * {@code redirectStderr} the child's stderr is its stdout pipe; {@code passFds} are given as the
     * child's fds 3, 4, … (not closed here).
     */
    public record Spec(String path, List<String> argv, List<String> env, String directory, int umask, int stdinFd,
                       boolean redirectStderr, List<Integer> passFds) {
        public Spec {
            passFds = List.copyOf(passFds);
        }

        /** Without passed fds: the child's descriptors above 2 are all closed. */
        public Spec(String path, List<String> argv, List<String> env, String directory, int umask, int stdinFd,
                    boolean redirectStderr) {
            this(path, argv, env, directory, umask, stdinFd, redirectStderr, List.of());
        }
    }

    /** Hears a child; every call comes on the loop thread. */
    public interface Listener {
        /** Bytes the child wrote on fd 1 or 2, positioned at the first; valid only during the call. */
        void output(int fd, ByteBuffer chunk);

        /** The child's fd 1 or 2 reached end of file (possibly long after the exit, if a grandchild held it). */
        default void outputEnded(int fd) {
        }

        /**
         * The child has exited and is not reaped yet: until it is, its pid, and so its process group's
         * id, cannot be given to another process. The moment to signal what it left in its group.
         */
        default void beforeReap() {
        }

        /** The child was reaped with this wait status; everything it wrote so far was handed over first. */
        void exited(int waitStatus);
    }

    /** Starting failed and no child runs. {@code spawned} false: making the pipes failed; true: posix_spawn did. */
    public static final class StartFailed extends Exception {
        private final int errno;
        private final boolean spawned;

        StartFailed(int errno, boolean spawned) {
            super(Errno.name(errno), null, false, false);
            this.errno = errno;
            this.spawned = spawned;
        }

        public int errno() {
            return errno;
        }

        /** True when the pipes were made and the spawn itself (exec, chdir) failed. */
        public boolean spawnFailed() {
            return spawned;
        }
    }

    private final EventLoop loop;
    private final int pid;
    private final Listener listener;
    private final PipeReader out;
    private final PipeReader err;
    private final StdinPipe stdin;
    private int pidfd;

    private ChildProcess(EventLoop loop, int pid, int pidfd, Listener listener, PipeReader out, PipeReader err,
                         StdinPipe stdin) {
        this.loop = loop;
        this.pid = pid;
        this.pidfd = pidfd;
        this.listener = listener;
        this.out = out;
        this.err = err;
        this.stdin = stdin;
        loop.register(pidfd, LibC.EPOLLIN, mask -> reap());
    }

    /** Starts a child; {@code buffer} is a direct buffer the loop's readers share. */
    public static ChildProcess start(EventLoop loop, ByteBuffer buffer, Spec spec, Listener listener)
            throws StartFailed {
        List<Integer> parentEnds = new ArrayList<>();
        List<Integer> childEnds = new ArrayList<>();
        boolean started = false;
        try {
            int stdinFd = spec.stdinFd();
            int feed = -1;
            if (stdinFd == STDIN_PIPE) {
                Pipe in = Pipe.forChildInput();
                childEnds.add(in.read());
                parentEnds.add(in.write());
                stdinFd = in.read();
                feed = in.write();
            } else if (stdinFd == STDIN_NULL) {
                stdinFd = LibC.open("/dev/null", LibC.O_CLOEXEC, 0);
                if (stdinFd < 0) {
                    throw new NativeException("open /dev/null", Native.getLastError());
                }
                childEnds.add(stdinFd);
            }
            Pipe o = Pipe.forChildOutput();
            childEnds.add(o.write());
            parentEnds.add(o.read());
            Pipe e = null;
            if (!spec.redirectStderr()) {
                e = Pipe.forChildOutput();
                childEnds.add(e.write());
                parentEnds.add(e.read());
            }
            int pid;
            try {
                pid = PosixSpawn.spawn(new PosixSpawn.Request(spec.path(), spec.argv(), spec.env(), spec.directory(),
                        spec.umask(), stdinFd, o.write(), e != null ? e.write() : o.write(), false, spec.passFds()));
            } catch (PosixSpawn.SpawnException x) {
                throw new StartFailed(x.errno(), true);
            }
            int pidfd = PosixSpawn.pidfdOpen(pid);
            PipeReader outReader = new PipeReader(loop, o.read(), buffer, c -> listener.output(1, c),
                    () -> listener.outputEnded(1));
            PipeReader errReader = e == null ? null : new PipeReader(loop, e.read(), buffer,
                    c -> listener.output(2, c), () -> listener.outputEnded(2));
            StdinPipe stdinPipe = feed >= 0 ? new StdinPipe(loop, feed) : null;
            started = true;
            return new ChildProcess(loop, pid, pidfd, listener, outReader, errReader, stdinPipe);
        } catch (NativeException x) {
            throw new StartFailed(x.errno(), false);
        } finally {
            childEnds.forEach(Fds::close);
            if (!started) {
                parentEnds.forEach(Fds::close);
            }
        }
    }

    public int pid() {
        return pid;
    }

    /** The stdin pipe, or null when the child's stdin is not one. */
    public StdinPipe stdin() {
        return stdin;
    }

    /** Sends {@code signo} to the child (or its whole process group); returns 0 or the errno. */
    public int signal(int signo, boolean group) {
        return Fds.kill(group ? -pid : pid, signo);
    }

    /** True while any process of the child's group is alive. */
    public boolean groupAlive() {
        return Fds.kill(-pid, 0) != Errno.ESRCH;
    }

    /** Reads what the child has written so far. */
    public void drain() {
        out.drain();
        if (err != null) {
            err.drain();
        }
    }

    private void reap() {
        listener.beforeReap(); // the pidfd is readable: the child has exited
        int[] status = new int[1];
        int rc = LibC.waitpid(pid, status, LibC.WNOHANG);
        if (rc == 0) {
            return;
        }
        int raw = rc == pid ? status[0] : 0xff00;
        stopWatchingExit();
        if (stdin != null) {
            stdin.close();
        }
        drain();
        listener.exited(raw);
    }

    private void stopWatchingExit() {
        if (pidfd >= 0) {
            loop.unregister(pidfd);
            Fds.close(pidfd);
            pidfd = -1;
        }
    }

    /** Stops reading and closes every descriptor (the child itself is left alone). */
    public void close() {
        stopWatchingExit();
        out.close();
        if (err != null) {
            err.close();
        }
        if (stdin != null) {
            stdin.close();
        }
    }
}
