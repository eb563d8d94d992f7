package steward.agent.engine;

import java.util.concurrent.CompletableFuture;
import steward.agent.logs.LogSink;
import steward.compat.api.ProcessState;
import steward.compat.config.ProcessConfig;

/**
 * A child changing hands, for programs whose listening sockets the daemon holds: {@link #detach}
 * (the old child gets its stop signal, at once or once {@link ProcessHooks#holdStop} allows, and
 * drains in {@link Drainers} while its process is STOPPED
 * at once, free to start a successor on the same socket) and {@link #adopt} (at a redeploy, the
 * active process takes over the running child of its staged successor). Works on a process's
 * parts ({@link ProcessMoves}, {@link ProcessStatus}, {@link ChildSlot}), never on the runner. Loop
 * thread only.
 */
final class ChildHandoff {
    private ChildHandoff() {
    }

    /**
     * The DETACH action, up to STOPPED (which its row enters); {@code quiet} (a redeploy retiring
     * the old release) publishes no state change and leaves the process STOPPED, since it is
     * replaced by one already RUNNING.
     */
    static void detach(ProcessMoves process, ProcessStatus s, ChildSlot slot, EngineContext ctx, boolean quiet) {
        ProcessConfig config = process.config();
        Spawner.Child child = slot.child();
        String name = process.ref().name();
        process.cancelTimer();
        if (!quiet && s.state() != ProcessState.STOPPING) {
            process.enter(ProcessState.STOPPING, true, "");
        }
        CompletableFuture<Void> hold = quiet || ctx.shuttingDown().getAsBoolean()
                ? CompletableFuture.completedFuture(null) : ctx.hooks().holdStop(process.ref(), config, s.pid());
        slot.drainStarted();
        ctx.drainers().adopt(name, child, slot.route(), config, process::drained, hold);
        slot.release();
        s.detached(ctx.scheduler().clock().millis());
        if (quiet) {
            s.retired();
        }
    }

    /** At a redeploy: the old release's process lets its child drain, or forgets a pending retry; nothing is published. */
    static void retire(ProcessMoves process, ProcessStatus s, ChildSlot slot, EngineContext ctx) {
        if (slot.child() != null) {
            detach(process, s, slot, ctx, true);
        } else {
            process.cancelTimer();
            s.retired();
        }
    }

    /**
     * At the daemon's stop a socket program's child gets its stop signal again after half its
     * {@code stopwaitsecs}: a drain (the Node preload's wait for open WebSockets) cannot outlive the
     * daemon, so the process is told to finish while its own SIGTERM handler still has time to run
     * before the SIGKILL.
     */
    static void hurryAtShutdown(ChildSlot slot, ProcessConfig config, EngineContext ctx, int signo) {
        Spawner.Child child = slot.child();
        if (config.container().sockets().isEmpty() || !ctx.shuttingDown().getAsBoolean() || child == null) {
            return;
        }
        long half = Math.max(1, config.stopwaitsecs() / 2);
        ctx.scheduler().schedule(half * 1000L, () -> {
            if (slot.child() == child) {
                child.signal(signo, config.stopasgroup());
            }
        });
    }

    /**
     * {@code to} (a fresh process of the new configuration, never started) takes over the RUNNING
     * child of {@code from} (its staged twin): pid, start time, state, output and exit. Nothing is
     * published: the name was RUNNING before and stays RUNNING.
     */
    static void adopt(ProcessStatus to, ChildSlot toSlot, ProcessLogs toLogs, OutputHandler toOutput,
            java.util.function.IntConsumer toReaped, ProcessStatus from, ChildSlot fromSlot, ProcessLogs fromLogs,
            EngineContext ctx, String name) {
        if (fromSlot.child() == null || from.state() != ProcessState.RUNNING) {
            return;
        }
        try {
            toLogs.acquire();
        } catch (LogSink.OpenFailed e) {
            ctx.log().warn("cannot open the log files of " + name + ": " + e.getMessage());
            return;
        }
        toSlot.adopt(fromSlot, toOutput, toReaped);
        to.adopted(from);
        fromLogs.release();
        ProcessStdin stdin = toSlot.child().stdin();
        toOutput.spawned(to.pid(), stdin != null ? stdin : bytes -> false);
    }
}
