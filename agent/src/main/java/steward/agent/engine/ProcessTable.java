package steward.agent.engine;

import static steward.compat.api.ProcessState.BACKOFF;
import static steward.compat.api.ProcessState.EXITED;
import static steward.compat.api.ProcessState.FATAL;
import static steward.compat.api.ProcessState.RUNNING;
import static steward.compat.api.ProcessState.STARTING;
import static steward.compat.api.ProcessState.STOPPED;
import static steward.compat.api.ProcessState.STOPPING;
import static steward.compat.api.ProcessState.UNKNOWN;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import steward.compat.api.Fault;
import steward.compat.api.ProcessState;

/**
 * Supervisor's process state machine (supervisor.md §2.2) as one table: for each state, the
 * triggers it answers and the named action each runs. A pair that is not listed is refused:
 * a command gets Supervisor's fault for it ({@link Trigger#refusal}), an internal trigger that
 * has no row is a bug and is logged as one. A new trigger (a readiness probe's READY and
 * READY_TIMEOUT, say) is a constant here and a few rows below.
 */
final class ProcessTable {
    /** What can happen to a process: commands, and what its child and its timers report. */
    enum Trigger {
        /** supervisor.startProcess. */
        START(true),
        /** supervisor.stopProcess. */
        STOP(true),
        /**
         * supervisor.stopProcess of a program whose listening sockets the daemon holds: the old child
         * is stopped in the background while a successor may already serve the same socket.
         */
        DRAIN(true),
        /** supervisor.signalProcess. */
        SIGNAL(true),
        /** The daemon stops or reloads: stop what runs, give up on what backs off. */
        SHUTDOWN(false),
        /** No child could be made (bad command, no pipes). */
        SPAWN_FAILED(false),
        /** The child stayed up for startsecs. */
        STARTSECS_ELAPSED(false),
        /** The child exited before startsecs while STARTING (in any other state an exit is expected or not). */
        EXITED_TOO_QUICKLY(false),
        /** The child exited with a code in exitcodes. */
        EXITED_EXPECTED(false),
        /** The child exited with a code not in exitcodes. */
        EXITED_UNEXPECTED(false),
        /** The backoff delay is over: try again. */
        BACKOFF_ELAPSED(false),
        /** The autorestart delay is over (a child that ran under a second is restarted a second after its start). */
        RESTART_DUE(false),
        /** The child outlived stopwaitsecs after the stop signal. */
        STOPWAIT_ELAPSED(false),
        /** Its ready= check passed ({@link ProcessHooks#mayRun} says so from now on). */
        READY(false),
        /** Its ready= check gave up (ready_timeout): the start counts as failed. */
        READY_TIMEOUT(false);

        private final boolean command;

        Trigger(boolean command) {
            this.command = command;
        }

        boolean command() {
            return command;
        }

        /** Supervisor's fault for this trigger in a state that has no row for it. */
        Refusal refusal(ProcessState state) {
            return switch (this) {
                case START -> state == UNKNOWN ? Refusal.UNKNOWN_STATE : Refusal.ALREADY_STARTED;
                case STOP, DRAIN, SIGNAL -> Refusal.NOT_RUNNING;
                default -> Refusal.NO_ROW;
            };
        }
    }

    /** What the runner does; each is one method of {@link ProcessRunner}. */
    enum Action {
        /** Make the child: STARTING once it runs, or STARTING then BACKOFF when it cannot be made. */
        SPAWN,
        /** SPAWN, unless the daemon is shutting down (automatic retries and restarts). */
        RESPAWN,
        /** The spawn found the process still has a child: warn "already running" and do nothing. */
        WARN_ALREADY_RUNNING,
        /** STARTING to RUNNING; the backoff count starts over. */
        ENTER_RUNNING,
        /** startsecs are over: ENTER_RUNNING if the ready check allows ({@link ProcessHooks#mayRun}), else wait for READY. */
        RUN_WHEN_READY,
        /** READY: ENTER_RUNNING if startsecs are over already (else their end will). */
        RUN_IF_HELD,
        /** READY_TIMEOUT: SIGKILL to the child's group; its exit then backs off with the check's reason. */
        KILL_NOT_READY,
        /** Into BACKOFF (spawnerr says why), then a retry after `tries` seconds, or FATAL after startretries. */
        BACK_OFF,
        /** Into EXITED (through RUNNING from STARTING), then autorestart if the config says so. */
        EXIT,
        /** The stop signal (to the group with stopasgroup), STOPPING, and SIGKILL after stopwaitsecs. */
        STOP_SIGNAL,
        /**
         * The stop signal, then the child leaves the process for the daemon's draining set (reaped
         * there, SIGKILL after drainsecs + stopwaitsecs); the process goes through STOPPING to STOPPED
         * at once, so a start may follow on the same held socket without waiting for the old child.
         */
        DETACH,
        /** SIGKILL (to the group with killasgroup) for a child that outlived stopwaitsecs. */
        FORCE_KILL,
        /** A stop of a backing-off process: cancel the retry, STOPPED. */
        CANCEL_BACKOFF,
        /** BACKOFF to FATAL at shutdown. */
        GIVE_UP,
        /** The child exited after a stop: STOPPED. */
        STOPPED_AS_ASKED,
        /** Send the requested signal to the child. */
        SEND_SIGNAL,
        /** A child of an UNKNOWN process was reaped: forget its pid, stay UNKNOWN. */
        FORGET_CHILD,
        /** Nothing to do (shutdown of a process already stopped or stopping). */
        NOTHING
    }

    /** A refused pair, with the fault it reaches an XML-RPC caller as. */
    enum Refusal {
        ALREADY_STARTED(Fault.ALREADY_STARTED),
        NOT_RUNNING(Fault.NOT_RUNNING),
        UNKNOWN_STATE(Fault.FAILED),
        NO_ROW(Fault.FAILED);

        private final Fault fault;

        Refusal(Fault fault) {
            this.fault = fault;
        }

        Fault fault() {
            return fault;
        }
    }

    private static final Map<ProcessState, Map<Trigger, Action>> ROWS = new EnumMap<>(ProcessState.class);

    static {
        row(STOPPED, Trigger.START, Action.SPAWN, Trigger.SHUTDOWN, Action.NOTHING);
        row(STARTING, Trigger.STOP, Action.STOP_SIGNAL, Trigger.DRAIN, Action.DETACH, Trigger.SIGNAL, Action.SEND_SIGNAL,
                Trigger.SHUTDOWN, Action.STOP_SIGNAL, Trigger.SPAWN_FAILED, Action.BACK_OFF,
                Trigger.STARTSECS_ELAPSED, Action.RUN_WHEN_READY, Trigger.EXITED_TOO_QUICKLY, Action.BACK_OFF,
                Trigger.READY, Action.RUN_IF_HELD, Trigger.READY_TIMEOUT, Action.KILL_NOT_READY,
                Trigger.EXITED_EXPECTED, Action.EXIT, Trigger.EXITED_UNEXPECTED, Action.EXIT);
        row(RUNNING, Trigger.STOP, Action.STOP_SIGNAL, Trigger.DRAIN, Action.DETACH, Trigger.SIGNAL, Action.SEND_SIGNAL,
                Trigger.SHUTDOWN, Action.STOP_SIGNAL, Trigger.EXITED_EXPECTED, Action.EXIT,
                Trigger.EXITED_UNEXPECTED, Action.EXIT);
        row(BACKOFF, Trigger.STOP, Action.CANCEL_BACKOFF, Trigger.DRAIN, Action.CANCEL_BACKOFF,
                Trigger.SHUTDOWN, Action.GIVE_UP,
                Trigger.BACKOFF_ELAPSED, Action.RESPAWN);
        row(STOPPING, Trigger.START, Action.WARN_ALREADY_RUNNING, Trigger.SIGNAL, Action.SEND_SIGNAL,
                Trigger.SHUTDOWN, Action.NOTHING, Trigger.STOPWAIT_ELAPSED, Action.FORCE_KILL,
                Trigger.EXITED_EXPECTED, Action.STOPPED_AS_ASKED,
                Trigger.EXITED_UNEXPECTED, Action.STOPPED_AS_ASKED);
        row(EXITED, Trigger.START, Action.SPAWN, Trigger.SHUTDOWN, Action.NOTHING, Trigger.RESTART_DUE, Action.RESPAWN);
        row(FATAL, Trigger.START, Action.SPAWN, Trigger.SHUTDOWN, Action.NOTHING);
        row(UNKNOWN, Trigger.SHUTDOWN, Action.NOTHING, Trigger.EXITED_EXPECTED, Action.FORGET_CHILD,
                Trigger.EXITED_UNEXPECTED, Action.FORGET_CHILD);
    }

    private ProcessTable() {
    }

    private static void row(ProcessState state, Object... pairs) {
        Map<Trigger, Action> row = new EnumMap<>(Trigger.class);
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((Trigger) pairs[i], (Action) pairs[i + 1]);
        }
        ROWS.put(state, row);
    }

    /** The action for {@code trigger} in {@code state}, or empty when the pair is refused. */
    static Optional<Action> action(ProcessState state, Trigger trigger) {
        return Optional.ofNullable(ROWS.get(state).get(trigger));
    }
}
