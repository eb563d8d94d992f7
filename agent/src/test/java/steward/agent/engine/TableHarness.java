package steward.agent.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import steward.agent.engine.ProcessTable.Trigger;
import steward.agent.events.EventBus;
import steward.agent.logs.DaemonLog;
import steward.agent.logs.LogSink;
import steward.agent.os.ExitStatus;
import steward.compat.config.Signals;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.api.RpcFault;
import steward.compat.config.LogLevel;
import steward.compat.config.ProcessConfig;
import steward.compat.events.EngineEvent;
import steward.compat.events.EventSource.Delivery;

/** One {@link ProcessRunner} on a hand-moved clock with fake children: every state in microseconds. */
final class TableHarness {
    final ManualScheduler clock = new ManualScheduler();
    final FakeSpawner spawner = new FakeSpawner();
    final List<EngineEvent.ProcessStateChanged> changes = new ArrayList<>();
    final ProcessRunner runner;
    final Drainers drainers;
    boolean shuttingDown;

    TableHarness(ProcessConfig config) {
        this(config, ProcessHooks.NONE);
    }

    TableHarness(ProcessConfig config, ProcessHooks hooks) {
        DaemonLog log = new DaemonLog(LogSink.DISCARD, null, LogLevel.DEBG);
        EventBus bus = new EventBus(log, () -> true);
        bus.subscribe(p -> changes.add((EngineEvent.ProcessStateChanged) p.event()), Delivery.onLoop("test"));
        drainers = new Drainers(clock, log, GroupWatchdog.NONE);
        EngineContext ctx = new EngineContext(clock, spawner, log, bus, hooks, GroupWatchdog.NONE,
                Map.of("PATH", "/usr/bin:/bin"), null, () -> shuttingDown, drainers);
        runner = new ProcessRunner(new ProcessRef("p", "p"), config, ctx,
                new ProcessLogs(LogSink.DISCARD, LogSink.DISCARD));
    }

    ProcessState state() {
        return runner.state();
    }

    /** Brings the runner into {@code state} the way it happens in life. */
    TableHarness into(ProcessState state) {
        switch (state) {
            case STOPPED -> { }
            case STARTING -> runner.start(false);
            case RUNNING -> {
                runner.start(false);
                clock.advance(1000);
            }
            case BACKOFF -> {
                runner.start(false);
                spawner.current.exit(1);
            }
            case STOPPING -> {
                into(ProcessState.RUNNING);
                runner.stop(false);
            }
            case EXITED -> {
                into(ProcessState.RUNNING);
                spawner.current.exit(0);
            }
            case FATAL -> {
                into(ProcessState.BACKOFF);
                runner.stopForShutdown();
            }
            case UNKNOWN -> {
                into(ProcessState.RUNNING);
                spawner.signalResult = 1;
                runner.stop(false);
                spawner.signalResult = 0;
            }
        }
        if (state() != state) {
            throw new IllegalStateException("could not bring the runner into " + state + ": it is " + state());
        }
        changes.clear();
        spawner.signals.clear();
        return this;
    }

    /**
     * Delivers {@code trigger} as it comes in life (a command through the runner's method, an exit
     * through the child, after the clock moved past startsecs unless it is too quick), or straight
     * into the table where life cannot produce it. Returns the states entered, comma separated,
     * "fault NAME" when refused or failed, or "none".
     */
    String apply(Trigger trigger) {
        try {
            switch (trigger) {
                case START -> await(runner.start(false));
                case STOP -> await(runner.stop(false));
                case SIGNAL -> runner.signal(10);
                case SHUTDOWN -> runner.stopForShutdown();
                case EXITED_TOO_QUICKLY, EXITED_EXPECTED, EXITED_UNEXPECTED -> exit(trigger);
                default -> runner.fire(trigger, 0, null);
            }
        } catch (RpcFault f) {
            return "fault " + f.fault();
        }
        clock.runDeferred();
        if (changes.isEmpty()) {
            return "none";
        }
        return String.join(",", changes.stream().map(c -> c.to().name()).toList());
    }

    private void exit(Trigger trigger) throws RpcFault {
        FakeSpawner.FakeChild child = spawner.current;
        boolean alive = child != null && runner.info(0).pid() == child.pid;
        boolean quick = trigger == Trigger.EXITED_TOO_QUICKLY;
        if (!alive || (quick && state() != ProcessState.STARTING)) {
            runner.fire(trigger, 0, ExitStatus.decode(ExitStatus.exitedWith(quick ? 1 : 0), Signals::signame));
            return;
        }
        if (!quick) {
            clock.skip(1000);
        }
        child.exit(trigger == Trigger.EXITED_EXPECTED ? 0 : 1);
    }

    private static void await(CompletableFuture<Void> f) throws RpcFault {
        try {
            f.getNow(null);
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RpcFault r) {
                throw r;
            }
            throw e;
        }
    }
}
