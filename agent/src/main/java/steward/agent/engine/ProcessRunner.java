package steward.agent.engine;

import com.sun.jna.Native;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import steward.agent.logs.LogSink;
import steward.agent.os.Errno;
import steward.agent.os.ExitStatus;
import steward.agent.os.EventLoop;
import steward.agent.os.Fds;
import steward.agent.os.LibC;
import steward.agent.os.NativeException;
import steward.agent.os.Pipe;
import steward.agent.os.PipeReader;
import steward.agent.os.PosixSpawn;
import steward.agent.os.SignalNames;
import steward.compat.api.Fault;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.api.RpcFault;
import steward.compat.config.AutoRestart;
import steward.compat.config.ProcessConfig;
import steward.compat.events.EngineEvent;

/**
 * One supervised process: owns its state and moves it as Supervisor's Subprocess does, but driven
 * by events (spawn, exit notice from its pidfd, timers, commands) instead of a polling tick. Every
 * method runs on the event loop thread.
 */
final class ProcessRunner {
    /** A program that ran at least this long is respawned at once; a quicker one at most once a second. */
    private static final long RESPAWN_THROTTLE_MS = 1000;
    private static final long STOP_REPORT_MS = 2000;

    private final ProcessRef ref;
    private final ProcessConfig config;
    private final EngineContext ctx;
    private final ChildLaunch launch;
    private final LogSink stdoutSink;
    private final LogSink stderrSink;
    private final OutputHandler output;

    private ProcessState state = ProcessState.STOPPED;
    private int pid;
    private int pidfd = -1;
    private int exitedPid;
    private long laststart;
    private long laststartNanos;
    private long laststop;
    private int backoff;
    private String spawnerr = "";
    private int exitstatus;
    private boolean killing;
    private EventLoop.Timer timer;
    private boolean gated;
    /** STARTING with startsecs over, waiting for the ready check ({@link ProcessHooks#mayRun}). */
    private boolean heldStarting;
    /** Why the ready check failed: the kill in flight ends in BACKOFF with this spawnerr. */
    private String notReady;
    private PipeReader stdoutPump;
    private PipeReader stderrPump;
    private StdinWriter stdin;
    private final List<CompletableFuture<Void>> startWaiters = new ArrayList<>();
    private final List<CompletableFuture<Void>> stopWaiters = new ArrayList<>();

    ProcessRunner(ProcessRef ref, ProcessConfig config, EngineContext ctx, LogSink stdoutSink, LogSink stderrSink) {
        this.ref = ref;
        this.config = config;
        this.ctx = ctx;
        this.launch = new ChildLaunch(ref, config, ctx);
        this.stdoutSink = stdoutSink;
        this.stderrSink = stderrSink;
        this.output = ctx.hooks().output(ref, config,
                new StandardOutput(ref, config, stdoutSink, stderrSink, ctx.log(), ctx.events()::publish));
    }

    ProcessRef ref() {
        return ref;
    }

    ProcessConfig config() {
        return config;
    }

    ProcessState state() {
        return state;
    }

    int pid() {
        return pid;
    }

    ProcessInfo info(long nowSeconds) {
        return new ProcessInfo(ref.name(), ref.group(), laststart / 1000, laststop / 1000, nowSeconds, state,
                spawnerr, exitstatus, path(stdoutSink), stderrSink == null ? "" : path(stderrSink), pid,
                ctx.hooks().statusText(ref));
    }

    private static String path(LogSink sink) {
        return sink.file().map(Path::toString).orElse("");
    }

    // ---- commands -------------------------------------------------------------------------

    /**
     * Autostart at group activation: only a process that was never started, and only when the
     * start gate allows it; one held back is retried by {@link #retryGated()}.
     */
    void autostart() {
        if (config.autostart() && state == ProcessState.STOPPED && laststart == 0) {
            gated = !ctx.hooks().mayStart(ref);
            if (!gated) {
                spawn();
            } else {
                spawnerr = ctx.hooks().heldBecause(ref);
            }
        }
    }

    /** Starts a process the start gate held back, if the gate allows it now. */
    void retryGated() {
        if (gated && state == ProcessState.STOPPED) {
            gated = false;
            autostart();
        }
    }

    /** supervisor.startProcess for this process. */
    CompletableFuture<Void> start(boolean wait) {
        try {
            launch.resolve();
        } catch (CommandResolver.BadCommand e) {
            return CompletableFuture.failedFuture(new RpcFault(e.fault(), e.getMessage()));
        }
        if (state.isRunning()) {
            return CompletableFuture.failedFuture(new RpcFault(Fault.ALREADY_STARTED, ref.namespec()));
        }
        if (state == ProcessState.UNKNOWN) {
            return CompletableFuture.failedFuture(
                    new RpcFault(Fault.FAILED, ref.namespec() + " is in an unknown process state"));
        }
        spawn();
        if (!spawnerr.isEmpty()) {
            return CompletableFuture.failedFuture(new RpcFault(Fault.SPAWN_ERROR, ref.namespec()));
        }
        if (!wait || state == ProcessState.RUNNING) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        startWaiters.add(f);
        settleWaiters();
        return f;
    }

    /** supervisor.stopProcess for this process. */
    CompletableFuture<Void> stop(boolean wait) {
        if (!state.isRunning()) {
            return CompletableFuture.failedFuture(new RpcFault(Fault.NOT_RUNNING, ref.namespec()));
        }
        Optional<String> error = kill(config.stopsignal().number());
        if (error.isPresent()) {
            return CompletableFuture.failedFuture(new RpcFault(Fault.FAILED, error.get()));
        }
        if (!wait || state.isStopped()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        stopWaiters.add(f);
        reportWaitingToStop();
        return f;
    }

    /** Supervisor's stop_report: while a waited-for stop is under way, say so every 2 seconds. */
    private void reportWaitingToStop() {
        if (state == ProcessState.STOPPING && !stopWaiters.isEmpty()) {
            ctx.log().info("waiting for " + ref.name() + " to stop");
            ctx.loop().schedule(STOP_REPORT_MS, this::reportWaitingToStop);
        }
    }

    /** What a daemon shutdown or reload does: stop a running process, give up on a backing-off one. */
    void stopForShutdown() {
        if (state == ProcessState.RUNNING || state == ProcessState.STARTING) {
            kill(config.stopsignal().number());
        } else if (state == ProcessState.BACKOFF) {
            giveUp();
        }
    }

    /** A future completed once this process is in a stopped state. */
    CompletableFuture<Void> whenStopped() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (state.isStopped()) {
            f.complete(null);
        } else {
            stopWaiters.add(f);
        }
        return f;
    }

    /** supervisor.signalProcess: the signal goes to the process itself, as Supervisor sends it. */
    void signal(int signo) throws RpcFault {
        if (!state.isSignallable()) {
            throw new RpcFault(Fault.NOT_RUNNING, ref.namespec());
        }
        if (pid == 0) {
            throw new RpcFault(Fault.FAILED, "attempted to send " + ref.name() + " sig " + SignalNames.name(signo)
                    + " but it wasn't running");
        }
        ctx.log().debug("sending " + ref.name() + " (pid " + pid + ") sig " + SignalNames.name(signo));
        int rc = Fds.kill(pid, signo);
        if (rc != 0 && rc != Errno.ESRCH) {
            String msg = "unknown problem sending sig " + ref.name() + " (" + pid + "):" + Errno.name(rc);
            ctx.log().crit(msg);
            changeState(ProcessState.UNKNOWN);
            throw new RpcFault(Fault.FAILED, msg);
        }
    }

    void sendStdin(String chars) throws RpcFault {
        if (pid == 0 || killing) {
            throw new RpcFault(Fault.NOT_RUNNING, ref.namespec());
        }
        if (stdin == null || !stdin.write(chars.getBytes(StandardCharsets.UTF_8))) {
            throw new RpcFault(Fault.NO_FILE, ref.namespec());
        }
    }

    void clearLogs() {
        stdoutSink.clear();
        if (stderrSink != null) {
            stderrSink.clear();
        }
    }

    void reopenLogs() {
        stdoutSink.reopen();
        if (stderrSink != null) {
            stderrSink.reopen();
        }
    }

    /** Releases files and pipes when the group is removed (the process is stopped by then). */
    void close() {
        cancelTimer();
        closePumps();
        stdoutSink.close();
        if (stderrSink != null) {
            stderrSink.close();
        }
    }

    // ---- spawn ----------------------------------------------------------------------------

    private void spawn() {
        if (pid != 0) {
            ctx.log().warn("process '" + ref.name() + "' already running");
            return;
        }
        gated = false;
        killing = false;
        heldStarting = false;
        notReady = null;
        spawnerr = "";
        exitstatus = 0;
        laststart = ctx.clock().millis();
        laststartNanos = ctx.clock().nanos();

        ChildLaunch.Prepared prepared;
        try {
            prepared = launch.prepare();
        } catch (CommandResolver.BadCommand e) {
            changeState(ProcessState.STARTING);
            spawnFailed(e.getMessage());
            return;
        }
        try {
            stdoutSink.acquire();
            if (stderrSink != null) {
                stderrSink.acquire();
            }
        } catch (LogSink.OpenFailed e) {
            changeState(ProcessState.STARTING);
            spawnFailed((e.errno().equals("EMFILE") ? "too many open files to spawn '" + ref.name() + "'"
                    : "unknown error making dispatchers for '" + ref.name() + "'") + ": " + e.getMessage());
            return;
        }
        int givenStdin = ctx.hooks().stdinFd(ref, config);
        Pipe in = null;
        Pipe out = null;
        Pipe err = null;
        try {
            in = givenStdin >= 0 ? null : Pipe.forChildInput();
            out = Pipe.forChildOutput();
            if (!config.redirectStderr()) {
                err = Pipe.forChildOutput();
            }
        } catch (NativeException e) {
            for (Pipe made : new Pipe[] {in, out}) {
                if (made != null) {
                    made.close();
                }
            }
            changeState(ProcessState.STARTING);
            spawnFailed(e.errno() == 24 ? "too many open files to spawn '" + ref.name() + "'"
                    : "unknown error making dispatchers for '" + ref.name() + "': " + Errno.name(e.errno()));
            return;
        }
        int errWrite = err != null ? err.write() : out.write();
        String childError = prepared.preExecError();
        int newPid = 0;
        if (childError == null) {
            try {
                newPid = PosixSpawn.spawn(new PosixSpawn.Request(prepared.filename(), prepared.argv(), prepared.env(),
                        prepared.directory(), prepared.umask(), in != null ? in.read() : givenStdin, out.write(),
                        errWrite, false));
            } catch (PosixSpawn.SpawnException e) {
                childError = "couldn't exec " + prepared.argv0() + ": " + Errno.name(e.errno());
            }
        }
        if (in != null) {
            Fds.close(in.read());
        }
        Fds.close(out.write());
        if (err != null) {
            Fds.close(err.write());
        }
        stdoutPump = new PipeReader(ctx.loop(), out.read(), ctx.readBuffer(),
                chunk -> output.output(EngineEvent.Stream.STDOUT, chunk), () -> { });
        stderrPump = err == null ? null : new PipeReader(ctx.loop(), err.read(), ctx.readBuffer(),
                chunk -> output.output(EngineEvent.Stream.STDERR, chunk), () -> { });
        stdin = in == null ? null : new StdinWriter(ctx.loop(), in.write());
        if (childError != null) {
            changeState(ProcessState.STARTING);
            childFailedBeforeExec(childError);
            return;
        }
        pid = newPid;
        pidfd = PosixSpawn.pidfdOpen(pid);
        ctx.loop().register(pidfd, LibC.EPOLLIN, mask -> reap());
        ctx.watchdog().add(pid);
        output.spawned(pid, stdin != null ? stdin : bytes -> false);
        changeState(ProcessState.STARTING);
        ctx.log().info("spawned: '" + ref.name() + "' with pid " + pid);
        if (config.startsecs() == 0) {
            enterRunningWhenReady();
        } else {
            schedule(config.startsecs() * 1000L, () -> {
                if (state == ProcessState.STARTING) {
                    enterRunningWhenReady();
                }
            });
        }
    }

    /** The spawn failed before a process existed: spawnerr, BACKOFF, and a retry or FATAL. */
    private void spawnFailed(String message) {
        releaseLogs();
        spawnerr = message;
        ctx.log().info("spawnerr: " + message);
        changeState(ProcessState.BACKOFF);
        afterBackoff();
    }

    /**
     * What Supervisor's forked child does when chdir, setuid or exec fails: it writes the reason
     * to its stderr and exits 127. We write the same lines to the same log and finish likewise.
     */
    private void childFailedBeforeExec(String reason) {
        LogSink sink = stderrSink != null ? stderrSink : stdoutSink;
        byte[] text = ("supervisor: " + reason + "\nsupervisor: child process was not spawned\n")
                .getBytes(StandardCharsets.UTF_8);
        sink.write(ByteBuffer.wrap(text));
        finish(ExitStatus.exitedWith(127));
    }

    /** startsecs are over: RUNNING now, or once the ready check passes. */
    private void enterRunningWhenReady() {
        if (ctx.hooks().mayRun(ref)) {
            enterRunning();
        } else {
            heldStarting = true;
        }
    }

    /** The ready check passed: a held process enters RUNNING (one still in startsecs will at their end). */
    void readinessPassed() {
        if (state == ProcessState.STARTING && heldStarting) {
            heldStarting = false;
            enterRunning();
        }
    }

    /** The ready check gave up: the process group is killed and the start counts as failed (BACKOFF). */
    void readinessFailed(String reason) {
        if (state != ProcessState.STARTING || pid == 0 || notReady != null) {
            return;
        }
        notReady = reason;
        ctx.log().warn("not ready: " + ref.name() + " (" + reason + "); killing process group " + pid);
        if (Fds.kill(-pid, SignalNames.SIGKILL) == Errno.ESRCH) {
            Fds.kill(pid, SignalNames.SIGKILL);
        }
    }

    private void enterRunning() {
        cancelTimer();
        backoff = 0;
        changeState(ProcessState.RUNNING);
        ctx.log().info("success: " + ref.name() + " entered RUNNING state, process has stayed up for > than "
                + config.startsecs() + " seconds (startsecs)");
    }

    /** Log descriptors are held while a process runs only (see LogSink#acquire). */
    private void releaseLogs() {
        stdoutSink.release();
        if (stderrSink != null) {
            stderrSink.release();
        }
    }

    // ---- exit ----------------------------------------------------------------------------

    private void reap() {
        int[] status = new int[1];
        int rc = LibC.waitpid(pid, status, LibC.WNOHANG);
        if (rc == 0) {
            return;
        }
        int raw = rc == pid ? status[0] : 0xff00;
        if (rc < 0) {
            ctx.log().warn("could not reap " + ref.name() + " (pid " + pid + "): " + Errno.name(Native.getLastError()));
        }
        ctx.loop().unregister(pidfd);
        Fds.close(pidfd);
        pidfd = -1;
        int oldPid = pid;
        if (stdoutPump != null) {
            stdoutPump.drain();
        }
        if (stderrPump != null) {
            stderrPump.drain();
        }
        if (Fds.kill(-oldPid, 0) == Errno.ESRCH) {
            ctx.watchdog().remove(oldPid);
        }
        output.exited();
        finish(raw);
    }

    /** Supervisor's finish(): decide STOPPED, BACKOFF or EXITED from how and when the process ended. */
    private void finish(int rawStatus) {
        ExitStatus es = ExitStatus.decode(rawStatus);
        laststop = ctx.clock().millis();
        long ranMillis = (ctx.clock().nanos() - laststartNanos) / 1_000_000;
        boolean tooQuickly = ranMillis < config.startsecs() * 1000L;
        boolean expected = config.exitcodes().contains(es.code());
        cancelTimer();
        exitedPid = pid;
        pid = 0;
        releaseLogs();
        if (stdin != null) {
            stdin.close();
            stdin = null;
        }
        if (killing) {
            killing = false;
            exitstatus = es.code();
            changeState(ProcessState.STOPPED);
            String msg = "stopped: " + ref.name() + " (" + es.message() + ")";
            if (expected) {
                ctx.log().info(msg);
            } else {
                ctx.log().warn(msg);
            }
        } else if (tooQuickly || notReady != null) {
            exitstatus = 0;
            spawnerr = notReady != null ? notReady : "Exited too quickly (process log may have details)";
            notReady = null;
            changeState(ProcessState.BACKOFF);
            ctx.log().warn("exited: " + ref.name() + " (" + es.message() + "; not expected)");
            afterBackoff();
        } else {
            backoff = 0;
            exitstatus = es.code();
            if (state == ProcessState.STARTING) {
                changeState(ProcessState.RUNNING);
            }
            if (expected) {
                changeState(ProcessState.EXITED);
                ctx.log().info("exited: " + ref.name() + " (" + es.message() + "; expected)");
            } else {
                spawnerr = "Bad exit code " + es.code();
                changeState(ProcessState.EXITED, false);
                ctx.log().warn("exited: " + ref.name() + " (" + es.message() + "; not expected)");
            }
            maybeAutorestart();
        }
    }

    private void maybeAutorestart() {
        if (ctx.shuttingDown().getAsBoolean()) {
            return;
        }
        boolean restart = config.autorestart() == AutoRestart.TRUE
                || (config.autorestart() == AutoRestart.UNEXPECTED && !config.exitcodes().contains(exitstatus));
        if (!restart) {
            return;
        }
        long ran = (ctx.clock().nanos() - laststartNanos) / 1_000_000;
        if (ran >= RESPAWN_THROTTLE_MS) {
            spawn();
        } else {
            schedule(RESPAWN_THROTTLE_MS - ran, () -> {
                if (state == ProcessState.EXITED && !ctx.shuttingDown().getAsBoolean()) {
                    spawn();
                }
            });
        }
    }

    private void afterBackoff() {
        if (backoff > config.startretries()) {
            giveUp();
            return;
        }
        schedule(backoff * 1000L, () -> {
            if (state == ProcessState.BACKOFF && !ctx.shuttingDown().getAsBoolean()) {
                spawn();
            }
        });
    }

    private void giveUp() {
        cancelTimer();
        backoff = 0;
        changeState(ProcessState.FATAL);
        ctx.log().info("gave up: " + ref.name() + " entered FATAL state, too many start retries too quickly");
    }

    // ---- stop ----------------------------------------------------------------------------

    /** Supervisor's kill(): returns an error message, or empty when the signal went (or was not needed). */
    private Optional<String> kill(int signo) {
        if (state == ProcessState.BACKOFF) {
            ctx.log().debug("Attempted to kill " + ref.name() + ", which is in BACKOFF state.");
            cancelTimer();
            changeState(ProcessState.STOPPED);
            return Optional.empty();
        }
        if (pid == 0) {
            String msg = "attempted to kill " + ref.name() + " with sig " + SignalNames.name(signo)
                    + " but it wasn't running";
            ctx.log().debug(msg);
            return Optional.of(msg);
        }
        boolean asGroup = state == ProcessState.STOPPING ? config.killasgroup() : config.stopasgroup();
        ctx.log().debug("killing " + ref.name() + " (pid " + pid + ") " + (asGroup ? "process group " : "")
                + "with signal " + SignalNames.name(signo));
        killing = true;
        schedule(config.stopwaitsecs() * 1000L, this::stopTimedOut);
        if (state != ProcessState.STOPPING) {
            changeState(ProcessState.STOPPING);
        }
        int rc = Fds.kill(asGroup ? -pid : pid, signo);
        if (rc == Errno.ESRCH) {
            ctx.log().debug("unable to signal " + ref.name() + " (pid " + pid + "), it probably just exited on its own");
            return Optional.empty();
        }
        if (rc != 0) {
            String msg = "unknown problem killing " + ref.name() + " (" + pid + "):" + Errno.name(rc);
            ctx.log().crit(msg);
            cancelTimer();
            killing = false;
            changeState(ProcessState.UNKNOWN);
            return Optional.of(msg);
        }
        return Optional.empty();
    }

    private void stopTimedOut() {
        if (state == ProcessState.STOPPING && pid != 0) {
            ctx.log().warn("killing '" + ref.name() + "' (" + pid + ") with SIGKILL");
            kill(SignalNames.SIGKILL);
        }
    }

    // ---- state ---------------------------------------------------------------------------

    private void changeState(ProcessState to) {
        changeState(to, true);
    }

    /** Moves to {@code to} and publishes PROCESS_STATE_&lt;to&gt; ({@code expected} matters for EXITED only). */
    private void changeState(ProcessState to, boolean expected) {
        ProcessState from = state;
        if (from == to) {
            return;
        }
        if (!Transitions.allowed(from, to)) {
            ctx.log().crit("refused transition of " + ref.namespec() + " from " + from + " to " + to);
            return;
        }
        state = to;
        if (to == ProcessState.BACKOFF) {
            backoff++;
        }
        int eventPid = pid != 0 ? pid : (to == ProcessState.STOPPED || to == ProcessState.EXITED ? exitedPid : 0);
        ctx.events().publish(new EngineEvent.ProcessStateChanged(ref, from, to, expected, eventPid, backoff));
        settleWaiters();
    }

    private void settleWaiters() {
        if (!startWaiters.isEmpty()) {
            RpcFault fault = null;
            boolean done = false;
            if (!spawnerr.isEmpty()) {
                fault = new RpcFault(Fault.SPAWN_ERROR, ref.namespec());
            } else if (state == ProcessState.RUNNING) {
                done = true;
            } else if (state != ProcessState.STARTING) {
                fault = new RpcFault(Fault.ABNORMAL_TERMINATION, ref.namespec());
            }
            if (done || fault != null) {
                List<CompletableFuture<Void>> waiters = new ArrayList<>(startWaiters);
                startWaiters.clear();
                RpcFault outcome = fault;
                ctx.loop().defer(() -> waiters.forEach(w -> {
                    if (outcome == null) {
                        w.complete(null);
                    } else {
                        w.completeExceptionally(outcome);
                    }
                }));
            }
        }
        if (!stopWaiters.isEmpty() && state.isStopped()) {
            List<CompletableFuture<Void>> waiters = new ArrayList<>(stopWaiters);
            stopWaiters.clear();
            ctx.loop().defer(() -> waiters.forEach(w -> w.complete(null)));
        }
    }

    private void schedule(long millis, Runnable task) {
        cancelTimer();
        timer = ctx.loop().schedule(millis, task);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void closePumps() {
        if (stdoutPump != null) {
            stdoutPump.close();
        }
        if (stderrPump != null) {
            stderrPump.close();
        }
        if (stdin != null) {
            stdin.close();
        }
    }

}
