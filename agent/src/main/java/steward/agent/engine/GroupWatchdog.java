package steward.agent.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import steward.agent.os.Fds;
import steward.agent.os.LibC;
import steward.agent.os.PosixSpawn;

/**
 * Makes sure no program's process group outlives the daemon, even when the daemon is SIGKILLed
 * (a parent-death signal would only reach direct children). A tiny {@code /bin/sh} reads "+PGID"
 * and "-PGID" lines from a pipe whose only writer is the daemon; when the pipe closes, because the
 * daemon exited or died, it sends SIGKILL to every process group still listed. Once
 * {@link #supervise}d, its own death (a stray {@code kill -9}) is noticed through a pidfd: it is
 * reaped, logged, and a new watchdog is started with the process groups of now.
 */
final class GroupWatchdog {
    private static final String SCRIPT = String.join("\n",
            "trap '' INT HUP TERM QUIT USR1 USR2 PIPE",
            "pgs=' '",
            "while read -r op pg; do",
            "  case $op in",
            "    +) pgs=\"$pgs$pg \" ;;",
            "    -) case $pgs in *\" $pg \"*) pgs=\"${pgs%% $pg *} ${pgs#* $pg }\" ;; esac ;;",
            "  esac",
            "done",
            "for pg in $pgs; do kill -9 \"-$pg\" 2>/dev/null; done",
            "");

    /** A watchdog that does nothing (tests of pure state logic, or when /bin/sh is missing). */
    static final GroupWatchdog NONE = new GroupWatchdog(-1, -1);

    private int pid;
    private int writeFd;
    /** The groups listed now, to hand to a replacement. */
    private final java.util.Set<Integer> groups = new java.util.LinkedHashSet<>();
    private steward.agent.os.EventLoop loop;
    private steward.agent.logs.DaemonLog log;
    private int pidfd = -1;

    private GroupWatchdog(int pid, int writeFd) {
        this.pid = pid;
        this.writeFd = writeFd;
    }

    static GroupWatchdog start() throws Exception {
        int[] started = spawn();
        return new GroupWatchdog(started[0], started[1]);
    }

    /** Watches the watchdog from {@code loop}: if it dies while the daemon runs, it is reaped, logged and replaced. */
    void supervise(steward.agent.os.EventLoop loop, steward.agent.logs.DaemonLog log) {
        if (writeFd < 0) {
            return;
        }
        this.loop = loop;
        this.log = log;
        loop.execute(this::watch);
    }

    private void watch() {
        pidfd = PosixSpawn.pidfdOpen(pid);
        loop.register(pidfd, LibC.EPOLLIN, mask -> died());
    }

    /** On the loop: the watchdog exited though its pipe is open. */
    private void died() {
        loop.unregister(pidfd);
        Fds.close(pidfd);
        pidfd = -1;
        int[] status = new int[1];
        LibC.waitpid(pid, status, 0);
        Fds.close(writeFd);
        writeFd = -1;
        int old = pid;
        try {
            int[] started = spawn();
            pid = started[0];
            writeFd = started[1];
        } catch (PosixSpawn.SpawnException | RuntimeException e) {
            log.crit("steward-watchdog (pid " + old + ") died and cannot be restarted: " + e.getMessage()
                    + "; programs will outlive a SIGKILLed daemon");
            return;
        }
        for (int pg : groups) {
            write("+ " + pg + "\n");
        }
        log.warn("steward-watchdog (pid " + old + ") died (" + steward.agent.os.ExitStatus.decode(status[0], steward.compat.config.Signals::signame).message()
                + "); restarted as pid " + pid + " with " + groups.size() + " process groups");
        watch();
    }

    /** Starts the shell: {pid, write end of its pipe}. */
    private static int[] spawn() throws PosixSpawn.SpawnException {
        int[] fds = new int[2];
        if (LibC.pipe2(fds, LibC.O_CLOEXEC) != 0) {
            throw new IllegalStateException("pipe2 failed");
        }
        int devnull = LibC.open("/dev/null", LibC.O_RDWR | LibC.O_CLOEXEC, 0);
        try {
            int pid = PosixSpawn.spawn(new PosixSpawn.Request("/bin/sh", List.of("steward-watchdog", "-c", SCRIPT),
                    List.of("PATH=/usr/local/bin:/usr/bin:/bin"), "/", -1, fds[0], devnull, devnull, false));
            return new int[] {pid, fds[1]};
        } finally {
            Fds.close(fds[0]);
            Fds.close(devnull);
        }
    }

    void add(int pgid) {
        if (writeFd >= 0) {
            groups.add(pgid);
        }
        write("+ " + pgid + "\n");
    }

    void remove(int pgid) {
        groups.remove(pgid);
        write("- " + pgid + "\n");
    }

    private void write(String line) {
        if (writeFd < 0) {
            return;
        }
        byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        while (b.hasRemaining()) {
            if (Fds.write(writeFd, b) < 0) {
                return;
            }
        }
    }

    /** Closes the pipe: the watchdog kills whatever groups are left, then exits; waits for it. */
    void close() {
        if (pidfd >= 0) {
            if (loop.inLoop()) {
                loop.unregister(pidfd);
            }
            Fds.close(pidfd);
            pidfd = -1;
        }
        if (writeFd < 0) {
            return;
        }
        Fds.close(writeFd);
        writeFd = -1;
        LibC.waitpid(pid, new int[1], 0);
    }
}
