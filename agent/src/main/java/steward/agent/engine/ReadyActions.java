package steward.agent.engine;

import steward.agent.engine.ProcessTable.Action;
import steward.agent.os.Errno;
import steward.agent.os.SignalNames;

/**
 * The bodies of {@link ProcessTable}'s readiness actions for one process: a STARTING process whose
 * startsecs passed stays STARTING until its {@code ready=} check passes (then RUNNING), and is
 * killed when the check's timeout comes first (its exit then backs off). Loop thread only.
 */
final class ReadyActions {
    private final ProcessRunner runner;
    private final EngineContext ctx;
    private final Runnable enterRunning;

    ReadyActions(ProcessRunner runner, EngineContext ctx, Runnable enterRunning) {
        this.runner = runner;
        this.ctx = ctx;
        this.enterRunning = enterRunning;
    }

    void run(Action action) {
        ProcessStatus s = runner.status;
        switch (action) {
            case RUN_WHEN_READY -> {
                if (ctx.hooks().mayRun(runner.ref())) {
                    enterRunning.run();
                } else {
                    runner.cancelTimer();
                    s.heldStarting = true;
                }
            }
            case RUN_IF_HELD -> {
                if (s.heldStarting) {
                    enterRunning.run();
                }
            }
            case KILL_NOT_READY -> {
                ctx.log().warn("not ready: " + runner.ref().name() + " (" + s.notReady + "); killing process group "
                        + s.pid);
                if (runner.child.signal(SignalNames.SIGKILL, true) == Errno.ESRCH) {
                    runner.child.signal(SignalNames.SIGKILL, false);
                }
            }
            default -> throw new IllegalArgumentException("not a readiness action: " + action);
        }
    }
}
