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
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.api.RpcFault;

/**
 * Supervisor's process state machine (supervisor.md §2.2) as one table: for each state, the
 * triggers it answers, the named action each runs and the state the row goes to ({@link Row}):
 * the runner enters it once the action has done its work, and an action only says whether the
 * move happens ({@code ProcessActions.Step}: a ready check that holds a process back, a retry while
 * the daemon shuts down, stay). A row whose next state is its own state moves nothing. Only
 * three moves are not a row's: a state passed through on the way (EXIT from STARTING through
 * RUNNING, DETACH through STOPPING), a backoff past startretries going on to FATAL, and a signal
 * the kernel refuses, which leaves the process UNKNOWN. A pair that is not listed is refused:
 * a command gets Supervisor's fault for it ({@link Trigger#refusal}), an internal trigger that
 * has no row is a bug and is logged as one. A new trigger is a constant here and a few rows below,
 * as the readiness probe's READY and READY_TIMEOUT are.
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

    /** The work of a row, done by {@link ProcessActions} (readiness's by {@link ReadyActions}). */
    enum Action {
        /** Make the child: STARTING once it runs, or STARTING then BACKOFF when it cannot be made. */
        SPAWN,
        /** SPAWN, unless the daemon is shutting down (automatic retries and restarts). */
        RESPAWN,
        /** The spawn found the process still has a child: warn "already running" and do nothing. */
        WARN_ALREADY_RUNNING,
        /** startsecs are over: RUNNING if the ready check allows ({@link ProcessHooks#mayRun}), else stay and wait for READY. */
        RUN_WHEN_READY,
        /** READY: RUNNING if startsecs are over already (else stay: their end will). */
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

        /** The fault a caller gets, worded as Supervisor words it (the only place refusals are made). */
        RpcFault fault(ProcessRef ref, Trigger trigger, ProcessState state) {
            return new RpcFault(fault, switch (this) {
                case UNKNOWN_STATE -> ref.namespec() + " is in an unknown process state";
                case NO_ROW -> ref.namespec() + ": no transition for " + trigger + " in state " + state;
                default -> ref.namespec();
            });
        }
    }

    /** One row: the action a trigger runs in a state, and the state it goes to ({@code next}; its own: stays). */
    record Row(Action action, ProcessState next) {
    }

    private static final Map<ProcessState, Map<Trigger, Row>> ROWS = new EnumMap<>(ProcessState.class);

    static {
        // state, then (trigger, action, next state) for each trigger it answers
        rows(STOPPED, Trigger.START, Action.SPAWN, STARTING, Trigger.SHUTDOWN, Action.NOTHING, STOPPED);
        rows(STARTING, Trigger.STOP, Action.STOP_SIGNAL, STOPPING, Trigger.DRAIN, Action.DETACH, STOPPED,
                Trigger.SIGNAL, Action.SEND_SIGNAL, STARTING, Trigger.SHUTDOWN, Action.STOP_SIGNAL, STOPPING,
                Trigger.SPAWN_FAILED, Action.BACK_OFF, BACKOFF, Trigger.STARTSECS_ELAPSED, Action.RUN_WHEN_READY, RUNNING,
                Trigger.EXITED_TOO_QUICKLY, Action.BACK_OFF, BACKOFF, Trigger.READY, Action.RUN_IF_HELD, RUNNING,
                Trigger.READY_TIMEOUT, Action.KILL_NOT_READY, STARTING,
                Trigger.EXITED_EXPECTED, Action.EXIT, EXITED, Trigger.EXITED_UNEXPECTED, Action.EXIT, EXITED);
        rows(RUNNING, Trigger.STOP, Action.STOP_SIGNAL, STOPPING, Trigger.DRAIN, Action.DETACH, STOPPED,
                Trigger.SIGNAL, Action.SEND_SIGNAL, RUNNING, Trigger.SHUTDOWN, Action.STOP_SIGNAL, STOPPING,
                Trigger.EXITED_EXPECTED, Action.EXIT, EXITED, Trigger.EXITED_UNEXPECTED, Action.EXIT, EXITED);
        rows(BACKOFF, Trigger.STOP, Action.CANCEL_BACKOFF, STOPPED, Trigger.DRAIN, Action.CANCEL_BACKOFF, STOPPED,
                Trigger.SHUTDOWN, Action.GIVE_UP, FATAL, Trigger.BACKOFF_ELAPSED, Action.RESPAWN, STARTING);
        rows(STOPPING, Trigger.START, Action.WARN_ALREADY_RUNNING, STOPPING, Trigger.SIGNAL, Action.SEND_SIGNAL, STOPPING,
                Trigger.SHUTDOWN, Action.NOTHING, STOPPING, Trigger.STOPWAIT_ELAPSED, Action.FORCE_KILL, STOPPING,
                Trigger.EXITED_EXPECTED, Action.STOPPED_AS_ASKED, STOPPED,
                Trigger.EXITED_UNEXPECTED, Action.STOPPED_AS_ASKED, STOPPED);
        rows(EXITED, Trigger.START, Action.SPAWN, STARTING, Trigger.SHUTDOWN, Action.NOTHING, EXITED,
                Trigger.RESTART_DUE, Action.RESPAWN, STARTING);
        rows(FATAL, Trigger.START, Action.SPAWN, STARTING, Trigger.SHUTDOWN, Action.NOTHING, FATAL);
        rows(UNKNOWN, Trigger.SHUTDOWN, Action.NOTHING, UNKNOWN, Trigger.EXITED_EXPECTED, Action.FORGET_CHILD, UNKNOWN,
                Trigger.EXITED_UNEXPECTED, Action.FORGET_CHILD, UNKNOWN);
    }

    private ProcessTable() {
    }

    private static void rows(ProcessState state, Object... triples) {
        Map<Trigger, Row> rows = new EnumMap<>(Trigger.class);
        for (int i = 0; i < triples.length; i += 3) {
            rows.put((Trigger) triples[i], new Row((Action) triples[i + 1], (ProcessState) triples[i + 2]));
        }
        ROWS.put(state, rows);
    }

    /** The row for {@code trigger} in {@code state}, or empty when the pair is refused. */
    static Optional<Row> row(ProcessState state, Trigger trigger) {
        return Optional.ofNullable(ROWS.get(state).get(trigger));
    }

    /** The action for {@code trigger} in {@code state}, or empty when the pair is refused. */
    static Optional<Action> action(ProcessState state, Trigger trigger) {
        return row(state, trigger).map(Row::action);
    }
}
