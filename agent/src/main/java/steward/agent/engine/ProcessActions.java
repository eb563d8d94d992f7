package steward.agent.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import steward.agent.engine.ProcessTable.Action;
import steward.agent.engine.ProcessTable.Trigger;
import steward.agent.logs.DaemonLog;
import steward.agent.logs.LogSink;
import steward.agent.os.ChildProcess;
import steward.agent.os.Errno;
import steward.agent.os.ExitStatus;
import steward.compat.config.Signals;
import steward.compat.api.Fault;
import steward.compat.api.ProcessState;
import steward.compat.api.RpcFault;
import steward.compat.config.AutoRestart;
import steward.compat.config.ProcessConfig;

/**
 * The bodies of {@link ProcessTable}'s actions for one process, and the spawn and exit they start
 * from. An action does the work and returns a {@link ActionStep}; the state its row goes to is the
 * table's, entered by the runner (see {@link ProcessTable} for the three moves that are not). The main-log lines of state changes (spawned, success, exited, ...) are {@link StateLines}'
 * from the events; the rest (warnings, debug) are written here. Loop thread only.
 */
final class ProcessActions {
    /** A program that ran at least this long is respawned at once; a quicker one at most once a second. */
    private static final long RESPAWN_THROTTLE_MS = 1000;

    private final ProcessMoves moves;
    private final ProcessStatus s;
    private final ChildSlot slot;
    private final EngineContext ctx;
    private final DaemonLog log;
    private final ChildLaunch launch;
    private final ProcessLogs logs;
    private final OutputHandler output;
    private final ProcessConfig config;
    private final String name;
    private final ReadyActions ready;

    ProcessActions(ProcessMoves moves, ProcessStatus status, ChildSlot slot, EngineContext ctx, ChildLaunch launch,
            ProcessLogs logs, OutputHandler output) {
        this.moves = moves;
        this.s = status;
        this.slot = slot;
        this.ctx = ctx;
        this.log = ctx.log();
        this.launch = launch;
        this.logs = logs;
        this.output = output;
        this.config = moves.config();
        this.name = moves.ref().name();
        this.ready = new ReadyActions(moves, status, slot, ctx);
    }

    /** Does {@code action}'s work; the runner then makes the row's move if the step says so. */
    ActionStep run(Action action, Trigger trigger, int signo, ExitStatus exit) throws RpcFault {
        return switch (action) {
            case SPAWN -> spawn();
            case RESPAWN -> ctx.shuttingDown().getAsBoolean() ? ActionStep.STAY : spawn();
            case WARN_ALREADY_RUNNING -> {
                log.warn("process '" + name + "' already running");
                yield ActionStep.STAY;
            }
            case RUN_WHEN_READY, RUN_IF_HELD, KILL_NOT_READY -> ready.run(action);
            case BACK_OFF -> backOff(trigger, exit);
            case EXIT -> exit(trigger, exit);
            case STOP_SIGNAL -> kill(config.stopsignal().number());
            case DETACH -> {
                ChildHandoff.detach(moves, s, slot, ctx, false);
                yield ActionStep.MOVE;
            }
            case FORCE_KILL -> {
                log.warn("killing '" + name + "' (" + s.pid() + ") with SIGKILL");
                yield kill(Signals.KILL);
            }
            case CANCEL_BACKOFF -> {
                log.debug("Attempted to kill " + name + ", which is in BACKOFF state.");
                moves.cancelTimer();
                yield ActionStep.MOVE;
            }
            case GIVE_UP -> {
                moves.cancelTimer();
                s.backoffReset();
                yield ActionStep.MOVE;
            }
            case STOPPED_AS_ASKED -> {
                s.exitstatus(exit.code());
                yield ActionStep.move(exit.message(), ActionStep.NONE);
            }
            case SEND_SIGNAL -> {
                sendSignal(signo);
                yield ActionStep.STAY;
            }
            case FORGET_CHILD -> {
                log.debug("reaped " + name + " in state UNKNOWN: " + exit.message());
                yield ActionStep.STAY;
            }
            case NOTHING -> ActionStep.STAY;
        };
    }

    // ---- spawn and exit --------------------------------------------------------------------

    /**
     * Makes the child; the move is to STARTING in every case: once its pid is known (then startsecs
     * run), or when it cannot be made (then SPAWN_FAILED, or an exit 127 as Supervisor's child does).
     */
    private ActionStep spawn() {
        moves.cancelTimer();
        moves.ungate();
        s.spawning(ctx.scheduler().clock().millis(), ctx.scheduler().clock().nanos());
        ChildLaunch.Prepared prepared;
        try {
            prepared = launch.prepare();
        } catch (CommandResolver.BadCommand e) {
            return spawnFailed(e.getMessage());
        }
        try {
            logs.acquire();
        } catch (LogSink.OpenFailed e) {
            return spawnFailed((e.errno().equals("EMFILE") ? "too many open files to spawn '" + name + "'"
                    : "unknown error making dispatchers for '" + name + "'") + ": " + e.getMessage());
        }
        String childError = prepared.preExecError();
        if (childError == null) {
            try {
                ChildRoute route = new ChildRoute(output, this::reaped);
                slot.spawned(ctx.spawner().spawn(prepared, ctx.hooks().stdinFd(moves.ref(), config),
                        config.redirectStderr(), route, route::exited), route);
            } catch (ChildProcess.StartFailed e) {
                if (!e.spawnFailed()) {
                    return spawnFailed(e.errno() == Errno.EMFILE ? "too many open files to spawn '" + name + "'"
                            : "unknown error making dispatchers for '" + name + "': " + Errno.name(e.errno()));
                }
                childError = "couldn't exec " + prepared.argv0() + ": " + Errno.name(e.errno());
            }
        }
        if (childError != null) {
            return childFailedBeforeExec(childError);
        }
        s.spawned(slot.child().pid());
        ctx.watchdog().add(s.pid());
        ProcessStdin stdin = slot.child().stdin();
        output.spawned(s.pid(), stdin != null ? stdin : bytes -> false);
        return ActionStep.move("", () -> {
            if (config.startsecs() == 0) {
                moves.fireInternal(Trigger.STARTSECS_ELAPSED);
            } else {
                moves.fireLater(config.startsecs() * 1000L, Trigger.STARTSECS_ELAPSED);
            }
        });
    }

    /** The spawn failed before a process existed: spawnerr, then BACKOFF through STARTING. */
    private ActionStep spawnFailed(String message) {
        logs.release();
        s.spawnError(message);
        return ActionStep.move(message, () -> moves.fireInternal(Trigger.SPAWN_FAILED));
    }

    /**
     * What Supervisor's forked child does when chdir, setuid or exec fails: it writes the reason
     * to its stderr and exits 127. We write the same lines to the same log and finish likewise.
     */
    private ActionStep childFailedBeforeExec(String reason) {
        return ActionStep.move("", () -> {
            byte[] text = ("supervisor: " + reason + "\nsupervisor: child process was not spawned\n")
                    .getBytes(StandardCharsets.UTF_8);
            logs.errors().write(ByteBuffer.wrap(text));
            finish(ExitStatus.decode(ExitStatus.exitedWith(127), Signals::signame));
        });
    }

    void reaped(int waitStatus) {
        if (!slot.child().groupAlive()) {
            ctx.watchdog().remove(s.pid());
        }
        output.exited();
        finish(ExitStatus.decode(waitStatus, Signals::signame));
    }

    /** Supervisor's finish(): how and when the child ended decides the trigger. */
    private void finish(ExitStatus es) {
        long now = ctx.scheduler().clock().millis();
        boolean tooQuickly = ranMillis() < config.startsecs() * 1000L;
        boolean expected = config.exitcodes().contains(es.code());
        moves.cancelTimer();
        s.childGone(now);
        slot.exited();
        logs.release();
        Trigger t = s.state() == ProcessState.STARTING && (tooQuickly || s.notReady() != null) ? Trigger.EXITED_TOO_QUICKLY
                : expected ? Trigger.EXITED_EXPECTED : Trigger.EXITED_UNEXPECTED;
        try {
            moves.fire(t, 0, es);
        } catch (RpcFault refused) {
            // logged by fire
        }
    }

    private long ranMillis() {
        return (ctx.scheduler().clock().nanos() - s.laststartNanos()) / 1_000_000;
    }

    // ---- actions ---------------------------------------------------------------------------

    /** Into BACKOFF, then a retry after as many seconds as tries so far, or FATAL past startretries. */
    private ActionStep backOff(Trigger trigger, ExitStatus es) {
        if (trigger == Trigger.EXITED_TOO_QUICKLY) {
            s.exitedTooQuickly();
        }
        return ActionStep.move(trigger == Trigger.EXITED_TOO_QUICKLY ? es.message() : "", () -> {
            if (s.backoff() > config.startretries()) {
                moves.cancelTimer();
                s.backoffReset();
                moves.enter(ProcessState.FATAL, true, "");
            } else {
                moves.fireLater(s.backoff() * 1000L, Trigger.BACKOFF_ELAPSED);
            }
        });
    }

    /** Into EXITED (through RUNNING from STARTING), then autorestart when the config says so, at most once a second. */
    private ActionStep exit(Trigger trigger, ExitStatus es) {
        s.backoffReset();
        s.exitstatus(es.code());
        if (s.state() == ProcessState.STARTING) {
            moves.enter(ProcessState.RUNNING, true, es.message()); // the exit's, so no "success:" line
        }
        if (trigger != Trigger.EXITED_EXPECTED) {
            s.badExit(es.code());
        }
        return ActionStep.move(es.message(), () -> {
            boolean restart = config.autorestart() == AutoRestart.TRUE
                    || (config.autorestart() == AutoRestart.UNEXPECTED && !config.exitcodes().contains(s.exitstatus()));
            if (restart && !ctx.shuttingDown().getAsBoolean()) {
                long ran = ranMillis();
                if (ran >= RESPAWN_THROTTLE_MS) {
                    moves.fireInternal(Trigger.RESTART_DUE);
                } else {
                    moves.fireLater(RESPAWN_THROTTLE_MS - ran, Trigger.RESTART_DUE);
                }
            }
        });
    }

    /** Supervisor's kill(): SIGKILL after stopwaitsecs, STOPPING, then the signal. */
    private ActionStep kill(int signo) throws RpcFault {
        if (s.pid() == 0) {
            String msg = "attempted to kill " + name + " with sig " + Signals.signame(signo) + " but it wasn't running";
            log.debug(msg);
            throw new RpcFault(Fault.FAILED, msg);
        }
        boolean asGroup = s.state() == ProcessState.STOPPING ? config.killasgroup() : config.stopasgroup();
        log.debug("killing " + name + " (pid " + s.pid() + ") " + (asGroup ? "process group " : "")
                + "with signal " + Signals.signame(signo));
        moves.fireLater(config.stopwaitsecs() * 1000L, Trigger.STOPWAIT_ELAPSED);
        return ActionStep.move("", () -> {
            int rc = slot.child().signal(signo, asGroup);
            ChildHandoff.hurryAtShutdown(slot, config, ctx, signo);
            if (rc == Errno.ESRCH) {
                log.debug("unable to signal " + name + " (pid " + s.pid() + "), it probably just exited on its own");
            } else if (rc != 0) {
                String msg = "unknown problem killing " + name + " (" + s.pid() + "):" + Errno.name(rc);
                log.crit(msg);
                moves.cancelTimer();
                moves.enter(ProcessState.UNKNOWN, true, "");
                throw new RpcFault(Fault.FAILED, msg);
            }
        });
    }

    private void sendSignal(int signo) throws RpcFault {
        if (s.pid() == 0) {
            throw new RpcFault(Fault.FAILED, "attempted to send " + name + " sig " + Signals.signame(signo)
                    + " but it wasn't running");
        }
        log.debug("sending " + name + " (pid " + s.pid() + ") sig " + Signals.signame(signo));
        int rc = slot.child().signal(signo, false);
        if (rc != 0 && rc != Errno.ESRCH) {
            String msg = "unknown problem sending sig " + name + " (" + s.pid() + "):" + Errno.name(rc);
            log.crit(msg);
            moves.enter(ProcessState.UNKNOWN, true, "");
            throw new RpcFault(Fault.FAILED, msg);
        }
    }
}
