package steward.agent.engine;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import steward.agent.engine.ProcessTable.Row;
import steward.agent.engine.ProcessTable.Trigger;
import steward.agent.os.ExitStatus;
import steward.agent.os.Scheduler;
import steward.compat.api.Fault;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.api.RpcFault;
import steward.compat.config.ProcessConfig;
import steward.compat.events.EngineEvent;

/**
 * One supervised process: its state, moved by {@link ProcessTable}'s rows, driven by triggers
 * (commands, its child's exit, its timers) instead of a polling tick. {@link #fire} looks up the
 * row, lets {@link ProcessActions} do its work and enters the row's next state; the actions reach
 * the process only as {@link ProcessMoves}. Each state change is published once the process's
 * info shows it. Every method runs on the engine's loop thread.
 */
final class ProcessRunner implements ProcessMoves {
    private static final long STOP_REPORT_MS = 2000;

    private final ProcessRef ref;
    private final ProcessConfig config;
    private final EngineContext ctx;
    private final ChildLaunch launch;
    private final ProcessLogs logs;
    private final OutputHandler output;
    private final Waiters waiters;
    private final ProcessActions actions;

    private final ProcessStatus status = new ProcessStatus();
    /** Its child; detached children still draining keep its log files open. */
    private final ChildSlot slot = new ChildSlot();
    private boolean closed;
    private boolean gated;
    private Scheduler.Cancellable timer;

    ProcessRunner(ProcessRef ref, ProcessConfig config, EngineContext ctx, ProcessLogs logs) {
        this.ref = ref;
        this.config = config;
        this.ctx = ctx;
        this.launch = new ChildLaunch(ref, config, ctx);
        this.logs = logs;
        this.output = ctx.hooks().output(ref, config,
                new StandardOutput(ref, config, logs.stdout(), logs.stderr(), ctx.log(), ctx.events()::publish));
        this.waiters = new Waiters(ref, ctx.scheduler());
        this.actions = new ProcessActions(this, status, slot, ctx, launch, logs, output);
    }

    @Override
    public ProcessRef ref() {
        return ref;
    }

    @Override
    public ProcessConfig config() {
        return config;
    }

    ProcessState state() {
        return status.state();
    }

    ProcessInfo info(long nowSeconds) {
        return status.info(ref, logs, nowSeconds, ctx.hooks().statusText(ref));
    }

    /** The ready check passed ({@code failure} null) or gave up; only a STARTING process hears it. */
    void readiness(String failure) {
        if (status.state() != ProcessState.STARTING || status.pid() == 0 || status.notReady() != null) {
            return;
        }
        if (failure == null) {
            fireInternal(Trigger.READY);
        } else {
            status.notReady(failure);
            fireInternal(Trigger.READY_TIMEOUT);
        }
    }

    // ---- commands -------------------------------------------------------------------------

    /**
     * Autostart at group activation: only a process that was never started, and only when the
     * start gate allows it; one held back is retried by {@link #retryGated()}.
     */
    void autostart() {
        if (config.autostart() && status.state() == ProcessState.STOPPED && status.laststart() == 0) {
            gated = !ctx.hooks().mayStart(ref);
            if (!gated) {
                fireInternal(Trigger.START);
            } else {
                status.spawnError(ctx.hooks().heldBecause(ref));
            }
        }
    }

    /** Starts a process the start gate held back, if the gate allows it now; false when none was held back. */
    boolean retryGated() {
        boolean held = gated && status.state() == ProcessState.STOPPED;
        if (held) {
            gated = false;
            autostart();
        }
        return held;
    }

    /** supervisor.startProcess for this process. */
    CompletableFuture<Void> start(boolean wait) {
        try {
            launch.resolve();
            fire(Trigger.START, 0, null);
        } catch (CommandResolver.BadCommand e) {
            return CompletableFuture.failedFuture(new RpcFault(e.fault(), e.getMessage()));
        } catch (RpcFault f) {
            return CompletableFuture.failedFuture(f);
        }
        if (!status.spawnerr().isEmpty()) {
            return CompletableFuture.failedFuture(new RpcFault(Fault.SPAWN_ERROR, ref.namespec()));
        }
        if (!wait || status.state() == ProcessState.RUNNING) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> f = waiters.start();
        waiters.settle(status.state(), status.spawnerr());
        return f;
    }

    /** supervisor.stopProcess for this process (a socket program's old child drains in the background). */
    CompletableFuture<Void> stop(boolean wait) {
        try {
            fire(config.container().sockets().isEmpty() ? Trigger.STOP : Trigger.DRAIN, 0, null);
        } catch (RpcFault f) {
            return CompletableFuture.failedFuture(f);
        }
        if (!wait || status.state().isStopped()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> f = waiters.stop();
        reportWaitingToStop();
        return f;
    }

    /** Supervisor's stop_report: while a waited-for stop is under way, say so every 2 seconds. */
    private void reportWaitingToStop() {
        if (status.state() == ProcessState.STOPPING && waiters.anyStop()) {
            ctx.log().info("waiting for " + ref.name() + " to stop");
            ctx.scheduler().schedule(STOP_REPORT_MS, this::reportWaitingToStop);
        }
    }

    /** What a daemon shutdown or reload does: stop a running process, give up on a backing-off one. */
    void stopForShutdown() {
        fireInternal(Trigger.SHUTDOWN);
    }

    /** A future completed once this process is in a stopped state. */
    CompletableFuture<Void> whenStopped() {
        if (status.state().isStopped()) {
            return CompletableFuture.completedFuture(null);
        }
        return waiters.stop();
    }

    /** supervisor.signalProcess: the signal goes to the process itself, as Supervisor sends it. */
    void signal(int signo) throws RpcFault {
        fire(Trigger.SIGNAL, signo, null);
    }

    void sendStdin(String chars) throws RpcFault {
        if (slot.child() == null || status.state() == ProcessState.STOPPING) {
            throw new RpcFault(Fault.NOT_RUNNING, ref.namespec());
        }
        ProcessStdin stdin = slot.child().stdin();
        if (stdin == null || !stdin.write(chars.getBytes(StandardCharsets.UTF_8))) {
            throw new RpcFault(Fault.NO_FILE, ref.namespec());
        }
    }

    void clearLogs() {
        logs.clear();
    }

    void reopenLogs() {
        logs.reopen();
    }

    /** Releases files and pipes when the group is removed (the process is stopped by then). */
    void close() {
        cancelTimer();
        slot.closeLast();
        closed = true;
        if (!slot.draining()) {
            logs.close();
        }
    }

    @Override
    public void drained() {
        logs.release();
        if (slot.drainEnded() == 0 && closed) {
            logs.close();
        }
    }

    /** At a redeploy: the old release's process lets its child drain, or forgets a pending retry; nothing is published. */
    void retire() {
        ChildHandoff.retire(this, status, slot, ctx);
    }

    /** This fresh process takes over the RUNNING child of {@code from}, its staged twin (see {@link ChildHandoff#adopt}). */
    void adopt(ProcessRunner from) {
        ChildHandoff.adopt(status, slot, logs, output, actions::reaped, from.status, from.slot, from.logs, ctx, ref.name());
    }

    /**
     * Runs the table's row for {@code trigger} now: the action's work, the move to the row's next
     * state (when the action makes it), then the work that follows; a refused command throws its fault.
     */
    @Override
    public void fire(Trigger trigger, int signo, ExitStatus exit) throws RpcFault {
        ProcessState state = status.state();
        Optional<Row> row = ProcessTable.row(state, trigger);
        if (row.isEmpty()) {
            RpcFault refused = trigger.refusal(state).fault(ref, trigger, state);
            if (!trigger.command()) {
                ctx.log().error(refused.getMessage());
            }
            throw refused;
        }
        ActionStep step = actions.run(row.get().action(), trigger, signo, exit);
        if (step.moves() && status.state() != row.get().next()) {
            enter(row.get().next(), trigger != Trigger.EXITED_UNEXPECTED, step.detail());
        }
        step.then().run();
    }

    /** A trigger nobody waits on: a refusal or failure was logged where it happened. */
    @Override
    public void fireInternal(Trigger trigger) {
        try {
            fire(trigger, 0, null);
        } catch (RpcFault ignored) {
            // logged
        }
    }

    @Override
    public void fireLater(long millis, Trigger trigger) {
        cancelTimer();
        timer = ctx.scheduler().schedule(millis, () -> {
            timer = null;
            fireInternal(trigger);
        });
    }

    @Override
    public void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    /**
     * Moves to {@code to} and publishes PROCESS_STATE_&lt;to&gt; ({@code expected} matters for EXITED
     * only), with the cause the main log names ({@link EngineEvent.ProcessStateChanged#detail}).
     */
    @Override
    public void enter(ProcessState to, boolean expected, String detail) {
        ProcessStatus s = status;
        ProcessState from = s.state();
        s.entered(to);
        int eventPid = s.pid() != 0 ? s.pid()
                : (to == ProcessState.STOPPED || to == ProcessState.EXITED ? s.exitedPid() : 0);
        ctx.events().publish(new EngineEvent.ProcessStateChanged(ref, from, to, expected, eventPid, s.backoff(), detail));
        waiters.settle(to, s.spawnerr());
    }

    @Override
    public void ungate() {
        gated = false;
    }

    /** Whether the hooks let this process stop yet (StopSequence waits for it at a shutdown). */
    CompletableFuture<Void> mayStop() {
        return ctx.hooks().mayStop(ref);
    }
}
