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
 * active process takes over the running child of its staged successor). Loop thread only.
 */
final class ChildHandoff {
    private ChildHandoff() {
    }

    /**
     * The DETACH action; {@code quiet} (a redeploy retiring the old release) publishes no state
     * change, since the process is replaced by one already RUNNING.
     */
    static void detach(ProcessRunner runner, EngineContext ctx, boolean quiet) {
        ProcessStatus s = runner.status;
        ProcessConfig config = runner.config();
        Spawner.Child child = runner.child;
        String name = runner.ref().name();
        runner.cancelTimer();
        if (!quiet && s.state != ProcessState.STOPPING) {
            runner.enter(ProcessState.STOPPING, true);
        }
        CompletableFuture<Void> hold = quiet || ctx.shuttingDown().getAsBoolean()
                ? CompletableFuture.completedFuture(null) : ctx.hooks().holdStop(runner.ref(), config, s.pid);
        runner.draining++;
        ctx.drainers().adopt(name, child, runner.route, config, runner::drained, hold);
        runner.child = null;
        runner.lastChild = null;
        runner.route = null;
        s.exitedPid = s.pid;
        s.pid = 0;
        s.exitstatus = 0;
        s.laststop = ctx.scheduler().clock().millis();
        if (quiet) {
            s.state = ProcessState.STOPPED;
        } else {
            runner.enter(ProcessState.STOPPED, true);
        }
    }

    /**
     * At the daemon's stop a socket program's child gets its stop signal again after half its
     * {@code stopwaitsecs}: a drain (the Node preload's wait for open WebSockets) cannot outlive the
     * daemon, so the process is told to finish while its own SIGTERM handler still has time to run
     * before the SIGKILL.
     */
    static void hurryAtShutdown(ProcessRunner runner, EngineContext ctx, int signo) {
        ProcessConfig config = runner.config();
        Spawner.Child child = runner.child;
        if (config.container().sockets().isEmpty() || !ctx.shuttingDown().getAsBoolean() || child == null) {
            return;
        }
        long half = Math.max(1, config.stopwaitsecs() / 2);
        ctx.scheduler().schedule(half * 1000L, () -> {
            if (runner.child == child) {
                child.signal(signo, config.stopasgroup());
            }
        });
    }

    /** At a redeploy: the old release's process lets its child drain, or forgets a pending retry. */
    static void retire(ProcessRunner runner, EngineContext ctx) {
        if (runner.child != null) {
            detach(runner, ctx, true);
        } else {
            runner.cancelTimer();
            runner.status.state = ProcessState.STOPPED;
        }
    }

    /**
     * {@code to} (a fresh process of the new configuration, never started) takes over the RUNNING
     * child of {@code from} (its staged twin): pid, start time, state, output and exit. Nothing is
     * published: the name was RUNNING before and stays RUNNING.
     */
    static void adopt(ProcessRunner to, ProcessRunner from, EngineContext ctx) {
        if (from.child == null || from.state() != ProcessState.RUNNING) {
            return;
        }
        try {
            to.logs().acquire();
        } catch (LogSink.OpenFailed e) {
            ctx.log().warn("cannot open the log files of " + to.ref().name() + ": " + e.getMessage());
            return;
        }
        ProcessStatus s = to.status;
        ProcessStatus f = from.status;
        to.child = from.child;
        to.lastChild = from.child;
        to.route = from.route;
        to.route.to(to.output(), to.actions()::reaped);
        s.pid = f.pid;
        s.laststart = f.laststart;
        s.laststartNanos = f.laststartNanos;
        s.state = ProcessState.RUNNING;
        from.child = null;
        from.lastChild = null;
        from.route = null;
        f.pid = 0;
        f.state = ProcessState.STOPPED;
        from.logs().release();
        ProcessStdin stdin = to.child.stdin();
        to.output().spawned(s.pid, stdin != null ? stdin : bytes -> false);
    }
}
