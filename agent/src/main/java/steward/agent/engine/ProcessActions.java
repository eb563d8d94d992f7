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
import steward.agent.os.SignalNames;
import steward.compat.api.Fault;
import steward.compat.api.ProcessState;
import steward.compat.api.RpcFault;
import steward.compat.config.AutoRestart;
import steward.compat.config.ProcessConfig;

/**
 * The bodies of {@link ProcessTable}'s actions for one process, and the spawn and exit they start
 * from. The main-log lines of state changes (spawned, success, exited, ...) are {@link StateLines}'
 * from the events; the rest (warnings, debug) are written here. Loop thread only.
 */
final class ProcessActions {
    /** A program that ran at least this long is respawned at once; a quicker one at most once a second. */
    private static final long RESPAWN_THROTTLE_MS = 1000;

    private final ProcessRunner runner;
    private final ProcessStatus s;
    private final EngineContext ctx;
    private final DaemonLog log;
    private final ChildLaunch launch;
    private final ProcessLogs logs;
    private final OutputHandler output;
    private final ProcessConfig config;
    private final String name;
    private final ReadyActions ready;

    ProcessActions(ProcessRunner runner, EngineContext ctx, ChildLaunch launch, ProcessLogs logs, OutputHandler output) {
        this.runner = runner;
        this.s = runner.status;
        this.ctx = ctx;
        this.log = ctx.log();
        this.launch = launch;
        this.logs = logs;
        this.output = output;
        this.config = runner.config();
        this.name = runner.ref().name();
        this.ready = new ReadyActions(runner, ctx, this::enterRunning);
    }

    void run(Action action, Trigger trigger, int signo, ExitStatus exit) throws RpcFault {
        switch (action) {
            case SPAWN -> spawn();
            case RESPAWN -> {
                if (!ctx.shuttingDown().getAsBoolean()) {
                    spawn();
                }
            }
            case WARN_ALREADY_RUNNING -> log.warn("process '" + name + "' already running");
            case ENTER_RUNNING -> enterRunning();
            case RUN_WHEN_READY, RUN_IF_HELD, KILL_NOT_READY -> ready.run(action);
            case BACK_OFF -> backOff(trigger, exit);
            case EXIT -> exit(trigger, exit);
            case STOP_SIGNAL -> kill(config.stopsignal().number());
            case DETACH -> ChildHandoff.detach(runner, ctx, false);
            case FORCE_KILL -> {
                log.warn("killing '" + name + "' (" + s.pid + ") with SIGKILL");
                kill(SignalNames.SIGKILL);
            }
            case CANCEL_BACKOFF -> {
                log.debug("Attempted to kill " + name + ", which is in BACKOFF state.");
                runner.cancelTimer();
                runner.enter(ProcessState.STOPPED, true);
            }
            case GIVE_UP -> giveUp();
            case STOPPED_AS_ASKED -> stopped(trigger, exit);
            case SEND_SIGNAL -> sendSignal(signo);
            case FORGET_CHILD -> log.debug("reaped " + name + " in state UNKNOWN: " + exit.message());
            case NOTHING -> { }
        }
    }

    // ---- spawn and exit --------------------------------------------------------------------

    /** Makes the child: STARTING once its pid is known, or STARTING then BACKOFF (or an exit 127) when it cannot run. */
    private void spawn() {
        runner.cancelTimer();
        runner.ungate();
        s.spawnerr = "";
        s.exitstatus = 0;
        s.heldStarting = false;
        s.notReady = null;
        s.laststart = ctx.scheduler().clock().millis();
        s.laststartNanos = ctx.scheduler().clock().nanos();
        ChildLaunch.Prepared prepared;
        try {
            prepared = launch.prepare();
        } catch (CommandResolver.BadCommand e) {
            spawnFailed(e.getMessage());
            return;
        }
        try {
            logs.acquire();
        } catch (LogSink.OpenFailed e) {
            spawnFailed((e.errno().equals("EMFILE") ? "too many open files to spawn '" + name + "'"
                    : "unknown error making dispatchers for '" + name + "'") + ": " + e.getMessage());
            return;
        }
        String childError = prepared.preExecError();
        if (childError == null) {
            try {
                ChildRoute route = new ChildRoute(output, this::reaped);
                runner.child = ctx.spawner().spawn(prepared, ctx.hooks().stdinFd(runner.ref(), config),
                        config.redirectStderr(), route, route::exited);
                runner.route = route;
            } catch (ChildProcess.StartFailed e) {
                if (!e.spawnFailed()) {
                    spawnFailed(e.errno() == Errno.EMFILE ? "too many open files to spawn '" + name + "'"
                            : "unknown error making dispatchers for '" + name + "': " + Errno.name(e.errno()));
                    return;
                }
                childError = "couldn't exec " + prepared.argv0() + ": " + Errno.name(e.errno());
            }
        }
        if (childError != null) {
            childFailedBeforeExec(childError);
            return;
        }
        runner.lastChild = runner.child;
        s.pid = runner.child.pid();
        ctx.watchdog().add(s.pid);
        ProcessStdin stdin = runner.child.stdin();
        output.spawned(s.pid, stdin != null ? stdin : bytes -> false);
        runner.enter(ProcessState.STARTING, true);
        if (config.startsecs() == 0) {
            runner.fireInternal(Trigger.STARTSECS_ELAPSED);
        } else {
            runner.fireLater(config.startsecs() * 1000L, Trigger.STARTSECS_ELAPSED);
        }
    }

    /** The spawn failed before a process existed: spawnerr, then BACKOFF through STARTING. */
    private void spawnFailed(String message) {
        logs.release();
        s.spawnerr = message;
        runner.enter(ProcessState.STARTING, true, message);
        runner.fireInternal(Trigger.SPAWN_FAILED);
    }

    /**
     * What Supervisor's forked child does when chdir, setuid or exec fails: it writes the reason
     * to its stderr and exits 127. We write the same lines to the same log and finish likewise.
     */
    private void childFailedBeforeExec(String reason) {
        runner.enter(ProcessState.STARTING, true);
        byte[] text = ("supervisor: " + reason + "\nsupervisor: child process was not spawned\n")
                .getBytes(StandardCharsets.UTF_8);
        logs.errors().write(ByteBuffer.wrap(text));
        finish(ExitStatus.decode(ExitStatus.exitedWith(127), Signals::signame));
    }

    void reaped(int waitStatus) {
        if (!runner.child.groupAlive()) {
            ctx.watchdog().remove(s.pid);
        }
        output.exited();
        finish(ExitStatus.decode(waitStatus, Signals::signame));
    }

    /** Supervisor's finish(): how and when the child ended decides the trigger. */
    private void finish(ExitStatus es) {
        s.laststop = ctx.scheduler().clock().millis();
        boolean tooQuickly = ranMillis() < config.startsecs() * 1000L;
        boolean expected = config.exitcodes().contains(es.code());
        runner.cancelTimer();
        s.exitedPid = s.pid;
        s.pid = 0;
        runner.child = null;
        logs.release();
        Trigger t = s.state == ProcessState.STARTING && (tooQuickly || s.notReady != null) ? Trigger.EXITED_TOO_QUICKLY
                : expected ? Trigger.EXITED_EXPECTED : Trigger.EXITED_UNEXPECTED;
        try {
            runner.fire(t, 0, es);
        } catch (RpcFault refused) {
            // logged by fire
        }
    }

    private long ranMillis() {
        return (ctx.scheduler().clock().nanos() - s.laststartNanos) / 1_000_000;
    }

    // ---- actions ---------------------------------------------------------------------------

    private void enterRunning() {
        runner.cancelTimer();
        s.heldStarting = false;
        s.backoff = 0;
        runner.enter(ProcessState.RUNNING, true);
    }

    /** Into BACKOFF, then a retry after as many seconds as tries so far, or FATAL past startretries. */
    private void backOff(Trigger trigger, ExitStatus es) {
        if (trigger == Trigger.EXITED_TOO_QUICKLY) {
            s.exitstatus = 0;
            s.spawnerr = s.notReady != null ? s.notReady : "Exited too quickly (process log may have details)";
            s.notReady = null;
        }
        runner.enter(ProcessState.BACKOFF, true, trigger == Trigger.EXITED_TOO_QUICKLY ? es.message() : "");
        if (s.backoff > config.startretries()) {
            giveUp();
        } else {
            runner.fireLater(s.backoff * 1000L, Trigger.BACKOFF_ELAPSED);
        }
    }

    private void giveUp() {
        runner.cancelTimer();
        s.backoff = 0;
        runner.enter(ProcessState.FATAL, true);
    }

    /** Into EXITED (through RUNNING from STARTING), then autorestart when the config says so, at most once a second. */
    private void exit(Trigger trigger, ExitStatus es) {
        s.backoff = 0;
        s.exitstatus = es.code();
        if (s.state == ProcessState.STARTING) {
            runner.enter(ProcessState.RUNNING, true, es.message()); // the exit's, so no "success:" line
        }
        if (trigger == Trigger.EXITED_EXPECTED) {
            runner.enter(ProcessState.EXITED, true, es.message());
        } else {
            s.spawnerr = "Bad exit code " + es.code();
            runner.enter(ProcessState.EXITED, false, es.message());
        }
        boolean restart = config.autorestart() == AutoRestart.TRUE
                || (config.autorestart() == AutoRestart.UNEXPECTED && !config.exitcodes().contains(s.exitstatus));
        if (restart && !ctx.shuttingDown().getAsBoolean()) {
            long ran = ranMillis();
            if (ran >= RESPAWN_THROTTLE_MS) {
                runner.fireInternal(Trigger.RESTART_DUE);
            } else {
                runner.fireLater(RESPAWN_THROTTLE_MS - ran, Trigger.RESTART_DUE);
            }
        }
    }

    private void stopped(Trigger trigger, ExitStatus es) {
        s.exitstatus = es.code();
        runner.enter(ProcessState.STOPPED, trigger == Trigger.EXITED_EXPECTED, es.message());
    }

    /** Supervisor's kill(): the signal, STOPPING, and SIGKILL after stopwaitsecs. */
    private void kill(int signo) throws RpcFault {
        if (s.pid == 0) {
            String msg = "attempted to kill " + name + " with sig " + Signals.signame(signo) + " but it wasn't running";
            log.debug(msg);
            throw new RpcFault(Fault.FAILED, msg);
        }
        boolean asGroup = s.state == ProcessState.STOPPING ? config.killasgroup() : config.stopasgroup();
        log.debug("killing " + name + " (pid " + s.pid + ") " + (asGroup ? "process group " : "")
                + "with signal " + Signals.signame(signo));
        runner.fireLater(config.stopwaitsecs() * 1000L, Trigger.STOPWAIT_ELAPSED);
        if (s.state != ProcessState.STOPPING) {
            runner.enter(ProcessState.STOPPING, true);
        }
        int rc = runner.child.signal(signo, asGroup);
        ChildHandoff.hurryAtShutdown(runner, ctx, signo);
        if (rc == Errno.ESRCH) {
            log.debug("unable to signal " + name + " (pid " + s.pid + "), it probably just exited on its own");
        } else if (rc != 0) {
            String msg = "unknown problem killing " + name + " (" + s.pid + "):" + Errno.name(rc);
            log.crit(msg);
            runner.cancelTimer();
            runner.enter(ProcessState.UNKNOWN, true);
            throw new RpcFault(Fault.FAILED, msg);
        }
    }

    private void sendSignal(int signo) throws RpcFault {
        if (s.pid == 0) {
            throw new RpcFault(Fault.FAILED, "attempted to send " + name + " sig " + Signals.signame(signo)
                    + " but it wasn't running");
        }
        log.debug("sending " + name + " (pid " + s.pid + ") sig " + Signals.signame(signo));
        int rc = runner.child.signal(signo, false);
        if (rc != 0 && rc != Errno.ESRCH) {
            String msg = "unknown problem sending sig " + name + " (" + s.pid + "):" + Errno.name(rc);
            log.crit(msg);
            runner.enter(ProcessState.UNKNOWN, true);
            throw new RpcFault(Fault.FAILED, msg);
        }
    }
}
