package steward.agent.engine;

import steward.compat.api.RpcFault;

/**
 * What a table action did ({@link ProcessActions}, {@link ReadyActions}): whether its row's move to
 * the next state happens ({@code moves}), the cause the main log names for it ({@code detail}), and
 * the work that follows the move ({@code then}: a timer, a follow-up trigger, a signal sent once the
 * state says so). The runner makes the move ({@link ProcessRunner#fire}).
 */
record ActionStep(boolean moves, String detail, Then then) {
    /** Work after the move; a refused signal is a fault for the command that caused it. */
    interface Then {
        void run() throws RpcFault;
    }

    static final Then NONE = () -> { };
    static final ActionStep STAY = new ActionStep(false, "", NONE);
    static final ActionStep MOVE = new ActionStep(true, "", NONE);

    static ActionStep move(String detail, Then then) {
        return new ActionStep(true, detail, then);
    }
}
