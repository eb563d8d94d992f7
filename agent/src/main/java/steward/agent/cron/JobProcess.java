package steward.agent.cron;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import steward.agent.os.ChildProcess;
import steward.agent.os.Errno;
import steward.agent.os.EventLoop;
import steward.agent.os.ExitStatus;
import steward.compat.config.Signals;

/**
 * One run of a job: {@code SHELL -c COMMAND} started as a {@link ChildProcess} (its own process
 * group, output drained into the cron log, exit noticed through a pidfd), all on the cron event
 * loop (no thread per job). Loop thread only.
 */
final class JobProcess {
    /** How a run ended. {@code code} is the exit code, -1 when killed by a signal. */
    record Exit(int code, String message, long durationMillis) {
    }

    private final ChildProcess child;
    private final long startNanos;
    private final Instant scheduled;
    private boolean exited;

    private JobProcess(EventLoop loop, Spec spec, Instant scheduled, CronLog log, String tag, ByteBuffer buffer,
                       Consumer<Exit> onExit) throws ChildProcess.StartFailed {
        this.startNanos = System.nanoTime();
        this.scheduled = scheduled;
        LineTagger out = new LineTagger(log, tag);
        LineTagger err = new LineTagger(log, tag + " stderr");
        this.child = ChildProcess.start(loop, buffer, new ChildProcess.Spec(spec.shell(),
                List.of(spec.shell(), "-c", spec.command()), spec.env(), spec.directory(), -1,
                spec.input().isEmpty() ? ChildProcess.STDIN_NULL : ChildProcess.STDIN_PIPE, false),
                new ChildProcess.Listener() {
                    @Override
                    public void output(int fd, ByteBuffer chunk) {
                        (fd == 1 ? out : err).accept(chunk);
                    }

                    @Override
                    public void outputEnded(int fd) {
                        (fd == 1 ? out : err).finish();
                    }

                    @Override
                    public void exited(int waitStatus) {
                        exited = true;
                        ExitStatus es = ExitStatus.decode(waitStatus, Signals::signame);
                        onExit.accept(new Exit(es.code(), es.message(), (System.nanoTime() - startNanos) / 1_000_000));
                    }
                });
        if (child.stdin() != null) {
            writeInput(spec.input());
        }
    }

    /** What to run. */
    record Spec(String shell, String command, String input, List<String> env, String directory) {
    }

    /** Spawns the run; throws {@link ChildProcess.StartFailed} when the pipes or exec (or chdir) fail. */
    static JobProcess spawn(EventLoop loop, Spec spec, Instant scheduled, CronLog log, String tag,
                            ByteBuffer buffer, Consumer<Exit> onExit) throws ChildProcess.StartFailed {
        return new JobProcess(loop, spec, scheduled, log, tag, buffer, onExit);
    }

    /** cronie's {@code %} input, then end of file: written whole when it fits the pipe (64 KiB), else cut there. */
    private void writeInput(String input) {
        child.stdin().write(input.getBytes(StandardCharsets.UTF_8));
        child.stdin().close();
    }

    int pid() {
        return child.pid();
    }

    Instant scheduled() {
        return scheduled;
    }

    boolean exited() {
        return exited;
    }

    /** Signals the job's whole process group (the shell and what it started). */
    void signal(int signo) {
        if (!exited) {
            if (child.signal(signo, true) == Errno.ESRCH) {
                child.signal(signo, false);
            }
        }
    }
}
