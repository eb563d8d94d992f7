package steward.agent.engine;

import steward.agent.engine.ProcessTable.Trigger;
import steward.agent.os.ExitStatus;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.api.RpcFault;
import steward.compat.config.ProcessConfig;

/**
 * What the table's actions ({@link ProcessActions}, {@link ReadyActions}, {@link ChildHandoff}) may
 * ask of their process: who it is, its timers, follow-up triggers, and {@link #enter} for the few
 * moves a row's {@code next} does not say (a state passed through on the way, a backoff past
 * startretries going on to FATAL, a signal the kernel refused leaving it UNKNOWN). Implemented by
 * {@link ProcessRunner}, so the actions never see the runner.
 */
interface ProcessMoves {
    ProcessRef ref();

    ProcessConfig config();

    /** Fires {@code trigger} now (an exit's, with its status); the refusal of a pair with no row is logged and thrown. */
    void fire(Trigger trigger, int signo, ExitStatus exit) throws RpcFault;

    /** Fires {@code trigger} now, nobody waiting on the outcome. */
    void fireInternal(Trigger trigger);

    /** Fires {@code trigger} after {@code millis} on the loop's clock, replacing the pending timer. */
    void fireLater(long millis, Trigger trigger);

    void cancelTimer();

    /** Clears the start gate's hold (a spawn happened). */
    void ungate();

    /** Moves to {@code to} and publishes it ({@code detail}: the cause the main log names). */
    void enter(ProcessState to, boolean expected, String detail);

    /** A detached child of this process exited. */
    void drained();
}
