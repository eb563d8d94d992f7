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
 * daemon exited or died, it sends SIGKILL to every process group still listed.
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

    private final int pid;
    private int writeFd;

    private GroupWatchdog(int pid, int writeFd) {
        this.pid = pid;
        this.writeFd = writeFd;
    }

    static GroupWatchdog start() throws Exception {
        int[] fds = new int[2];
        if (LibC.pipe2(fds, LibC.O_CLOEXEC) != 0) {
            throw new IllegalStateException("pipe2 failed");
        }
        int devnull = LibC.open("/dev/null", LibC.O_RDWR | LibC.O_CLOEXEC, 0);
        try {
            int pid = PosixSpawn.spawn(new PosixSpawn.Request("/bin/sh", List.of("steward-watchdog", "-c", SCRIPT),
                    List.of("PATH=/usr/local/bin:/usr/bin:/bin"), "/", -1, fds[0], devnull, devnull, false));
            return new GroupWatchdog(pid, fds[1]);
        } finally {
            Fds.close(fds[0]);
            Fds.close(devnull);
        }
    }

    void add(int pgid) {
        send("+ " + pgid + "\n");
    }

    void remove(int pgid) {
        send("- " + pgid + "\n");
    }

    private void send(String line) {
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
        if (writeFd < 0) {
            return;
        }
        Fds.close(writeFd);
        writeFd = -1;
        LibC.waitpid(pid, new int[1], 0);
    }
}
