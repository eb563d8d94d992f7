package steward.agent.cron;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import steward.agent.os.Errno;
import steward.agent.os.EventLoop;
import steward.agent.os.Fds;
import steward.agent.os.ExitStatus;
import steward.agent.os.LibC;
import steward.agent.os.PipeReader;
import steward.agent.os.NativeException;
import steward.agent.os.Pipe;
import steward.agent.os.PosixSpawn;

/**
 * One run of a job: {@code SHELL -c COMMAND} spawned in its own process group with posix_spawn, its
 * output drained into the cron log and its exit noticed through a pidfd, all on the cron event loop
 * (no thread per job). Loop thread only.
 */
final class JobProcess {
    private static final int O_RDONLY = 0;

    /** How a run ended. {@code code} is the exit code, -1 when killed by a signal. */
    record Exit(int code, String message, long durationMillis) {
    }

    private final EventLoop loop;
    private final int pid;
    private final int pidfd;
    private final long startNanos;
    private final Instant scheduled;
    private final Consumer<Exit> onExit;
    private final PipeReader out;
    private final PipeReader err;
    private boolean exited;

    private JobProcess(EventLoop loop, int pid, int pidfd, Instant scheduled, PipeReader out, PipeReader err,
                       Consumer<Exit> onExit) {
        this.loop = loop;
        this.pid = pid;
        this.pidfd = pidfd;
        this.startNanos = System.nanoTime();
        this.scheduled = scheduled;
        this.out = out;
        this.err = err;
        this.onExit = onExit;
        loop.register(pidfd, LibC.EPOLLIN, mask -> reap());
    }

    /** What to run. */
    record Spec(String shell, String command, String input, List<String> env, String directory) {
    }

    /** Spawns the run; throws {@link PosixSpawn.SpawnException} when exec (or chdir) fails. */
    static JobProcess spawn(EventLoop loop, Spec spec, Instant scheduled, CronLog log, String tag,
                            ByteBuffer buffer, Consumer<Exit> onExit) throws PosixSpawn.SpawnException, NativeException {
        Pipe out = Pipe.forChildOutput();
        Pipe err = Pipe.forChildOutput();
        int stdin = -1;
        int feed = -1;
        try {
            if (spec.input().isEmpty()) {
                stdin = LibC.open("/dev/null", O_RDONLY | LibC.O_CLOEXEC, 0);
            } else {
                Pipe in = Pipe.forChildInput();
                stdin = in.read();
                feed = in.write();
            }
            int pid = PosixSpawn.spawn(new PosixSpawn.Request(spec.shell(), List.of(spec.shell(), "-c", spec.command()),
                    spec.env(), spec.directory(), -1, stdin, out.write(), err.write(), false));
            if (feed >= 0) {
                writeInput(feed, spec.input());
            }
            int pidfd = PosixSpawn.pidfdOpen(pid);
            return new JobProcess(loop, pid, pidfd, scheduled, channel(loop, out.read(), new LineTagger(log, tag), buffer),
                    channel(loop, err.read(), new LineTagger(log, tag + " stderr"), buffer), onExit);
        } catch (PosixSpawn.SpawnException | RuntimeException e) {
            Fds.close(out.read());
            Fds.close(err.read());
            throw e;
        } finally {
            Fds.close(out.write());
            Fds.close(err.write());
            Fds.close(stdin);
            Fds.close(feed);
        }
    }

    /** cronie's {@code %} input: written whole when it fits the pipe (64 KiB), else cut there. */
    private static void writeInput(int fd, String input) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
        direct.put(bytes).flip();
        Fds.write(fd, direct);
    }

    int pid() {
        return pid;
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
            int rc = Fds.kill(-pid, signo);
            if (rc == Errno.ESRCH) {
                Fds.kill(pid, signo);
            }
        }
    }

    private void reap() {
        int[] status = new int[1];
        int rc = LibC.waitpid(pid, status, LibC.WNOHANG);
        if (rc == 0) {
            return;
        }
        exited = true;
        loop.unregister(pidfd);
        Fds.close(pidfd);
        out.drain();
        err.drain();
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        Exit exit = rc < 0 ? new Exit(-1, "wait failed", ms) : decode(status[0], ms);
        onExit.accept(exit);
    }

    private static Exit decode(int status, long ms) {
        ExitStatus es = ExitStatus.decode(status);
        return new Exit(es.code(), es.message(), ms);
    }

    private static PipeReader channel(EventLoop loop, int fd, LineTagger tagger, ByteBuffer buffer) {
        return new PipeReader(loop, fd, buffer, tagger::accept, tagger::finish);
    }
}
