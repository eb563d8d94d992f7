package steward.agent.engine;

import steward.agent.engine.ProcessTable.Action;
import steward.agent.os.Errno;
import steward.compat.config.Signals;

/**
 * The bodies of {@link ProcessTable}'s readiness actions for one process: a STARTING process whose
 * startsecs passed stays STARTING until its {@code ready=} check passes (then RUNNING), and is
 * killed when the check's timeout comes first (its exit then backs off). Loop thread only.
 */
final class ReadyActions {
    private final ProcessMoves moves;
    private final ProcessStatus s;
    private final ChildSlot slot;
    private final EngineContext ctx;

    ReadyActions(ProcessMoves moves, ProcessStatus status, ChildSlot slot, EngineContext ctx) {
        this.moves = moves;
        this.s = status;
        this.slot = slot;
        this.ctx = ctx;
    }

    ActionStep run(Action action) {
        switch (action) {
            case RUN_WHEN_READY -> {
                if (ctx.hooks().mayRun(moves.ref())) {
                    return running();
                }
                moves.cancelTimer();
                s.holdStarting(true);
                return ActionStep.STAY;
            }
            case RUN_IF_HELD -> {
                return s.heldStarting() ? running() : ActionStep.STAY;
            }
            case KILL_NOT_READY -> {
                ctx.log().warn("not ready: " + moves.ref().name() + " (" + s.notReady() + "); killing process group "
                        + s.pid());
                if (slot.child().signal(Signals.KILL, true) == Errno.ESRCH) {
                    slot.child().signal(Signals.KILL, false);
                }
                return ActionStep.STAY;
            }
            default -> throw new IllegalArgumentException("not a readiness action: " + action);
        }
    }

    /** STARTING to RUNNING: the backoff count starts over. */
    private ActionStep running() {
        moves.cancelTimer();
        s.holdStarting(false);
        s.backoffReset();
        return ActionStep.MOVE;
    }
}
