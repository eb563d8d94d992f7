package steward.agent.readiness;

import com.sun.jna.Memory;
import java.util.List;
import java.util.function.Consumer;
import steward.agent.os.EventLoop;
import steward.agent.os.ExitStatus;
import steward.agent.os.Fds;
import steward.agent.os.LibC;
import steward.agent.os.PosixSpawn;
import steward.compat.config.Signals;

/**
 * {@code ready=exec:COMMAND}: {@code /bin/sh -c COMMAND} in its own process group, with the
 * program's environment and directory and no input or output, is ready when it exits 0. Its exit
 * is noticed through a pidfd on the loop; then its process group is killed (what the command started
 * in the background does not outlive the check, nor the daemon), as is a cancelled attempt's.
 */
final class ExecProbe implements Probe {
    private static final int SIGKILL = 9;
    private static final int P_PID = 1;

    private final String command;
    private final List<String> env;
    private final String directory;
    private EventLoop loop;
    private int pid = -1;
    private int pidfd = -1;
    private Consumer<String> done;

    ExecProbe(String command, List<String> env, String directory) {
        this.command = command;
        this.env = List.copyOf(env);
        this.directory = directory;
    }

    @Override
    public void start(EventLoop loop, Consumer<String> done) {
        this.loop = loop;
        this.done = done;
        int devnull = LibC.open("/dev/null", 2 | LibC.O_CLOEXEC, 0);
        try {
            pid = PosixSpawn.spawn(new PosixSpawn.Request("/bin/sh", List.of("/bin/sh", "-c", command), env,
                    directory, -1, devnull, devnull, devnull, false));
            pidfd = PosixSpawn.pidfdOpen(pid);
        } catch (PosixSpawn.SpawnException | RuntimeException e) {
            report("exec: cannot run /bin/sh: " + e.getMessage());
            return;
        } finally {
            Fds.close(devnull);
        }
        loop.register(pidfd, LibC.EPOLLIN, events -> reap());
    }

    private void reap() {
        // the shell has exited but is not reaped yet, so its pid (the group's id) cannot be reused:
        // what it left running in its group (a "server &" that made the check pass) ends with it
        if (exitedUnreaped()) {
            Fds.kill(-pid, SIGKILL);
        }
        int[] status = new int[1];
        int rc = LibC.waitpid(pid, status, LibC.WNOHANG);
        if (rc == 0) {
            return;
        }
        loop.unregister(pidfd);
        Fds.close(pidfd);
        pidfd = -1;
        pid = -1;
        ExitStatus es = rc < 0 ? new ExitStatus(-1, "wait failed") : ExitStatus.decode(status[0], Signals::signame);
        report(es.code() == 0 ? null : "exec:" + command + ": " + es.message());
    }

    /** Whether the shell is a zombie still waiting for us (waitid with WNOWAIT reaps nothing). */
    private boolean exitedUnreaped() {
        try (Memory siginfo = new Memory(128)) {
            siginfo.clear();
            return LibC.waitid(P_PID, pid, siginfo, LibC.WEXITED | LibC.WNOHANG | LibC.WNOWAIT) == 0
                    && siginfo.getInt(16) == pid;
        }
    }

    private void report(String reason) {
        Consumer<String> d = done;
        done = null;
        if (d != null) {
            d.accept(reason);
        }
    }

    @Override
    public void cancel() {
        done = null;
        if (pid > 0) {
            Fds.kill(-pid, SIGKILL);
            // the pidfd stays registered: reap() collects the killed shell and reports to no one
        }
    }
}
