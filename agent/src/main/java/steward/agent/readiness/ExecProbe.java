package steward.agent.readiness;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;
import steward.agent.os.ChildProcess;
import steward.agent.os.EventLoop;
import steward.agent.os.ExitStatus;
import steward.agent.os.Fds;
import steward.compat.config.Signals;

/**
 * {@code ready=exec:COMMAND}: {@code /bin/sh -c COMMAND}, started as a {@link ChildProcess} (its own
 * process group, the program's environment and directory, stdin /dev/null, its output read and
 * dropped), is ready when it exits 0. Once the shell has exited, and before it is reaped, its process
 * group is killed: what the command started in the background does not outlive the check, nor the
 * daemon; a cancelled attempt's group is killed at once.
 */
final class ExecProbe implements Probe {
    private final String command;
    private final List<String> env;
    private final String directory;
    private ChildProcess child;
    private Consumer<String> done;

    ExecProbe(String command, List<String> env, String directory) {
        this.command = command;
        this.env = List.copyOf(env);
        this.directory = directory;
    }

    @Override
    public void start(EventLoop loop, Consumer<String> done) {
        this.done = done;
        try {
            child = ChildProcess.start(loop, ByteBuffer.allocateDirect(256), new ChildProcess.Spec("/bin/sh",
                    List.of("/bin/sh", "-c", command), env, directory, -1, ChildProcess.STDIN_NULL, true), new Shell());
        } catch (ChildProcess.StartFailed | RuntimeException e) {
            report("exec: cannot run /bin/sh: " + e.getMessage());
        }
    }

    /** Hears the check's shell: output dropped, its group killed while it is a zombie, its exit reported. */
    private final class Shell implements ChildProcess.Listener {
        @Override
        public void output(int fd, ByteBuffer chunk) {
        }

        @Override
        public void beforeReap() {
            // the shell is not reaped yet, so its pid (the group's id) cannot be reused: what it left
            // running in its group (a "server &" that made the check pass) ends with it
            Fds.kill(-child.pid(), Signals.KILL);
        }

        @Override
        public void exited(int waitStatus) {
            child.close();
            child = null;
            ExitStatus es = ExitStatus.decode(waitStatus, Signals::signame);
            report(es.code() == 0 ? null : "exec:" + command + ": " + es.message());
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
        if (child != null) {
            child.signal(Signals.KILL, true);
            // the child stays watched: its exit closes it and reports to no one
        }
    }
}
