package steward.agent.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import steward.agent.events.EventBus;
import steward.agent.events.Ticker;
import steward.agent.logs.DaemonLog;
import steward.agent.os.EventLoop;
import steward.compat.api.SupervisorState;
import steward.compat.config.GroupConfig;
import steward.compat.config.SupervisordConf;
import steward.compat.events.EngineEvent;

/**
 * The daemon's own states: start (groups added, RUNNING, autostart), reload (STOPPING, everything
 * stopped in order, the new configuration activated) and shutdown (STOPPING, everything stopped,
 * the engine released). Runs on the loop; {@link #state()} and {@link #identifier()} are read by
 * any thread.
 */
final class Lifecycle {
    private final EventLoop loop;
    private final DaemonLog log;
    private final Configs configs;
    private final Groups groups;
    /** Publishes the engine's view again after a change no event reports. */
    private final Runnable refreshView;
    /** Says the first groups are active (readers of the view waited for it). */
    private final Runnable started;
    private final EventBus events;
    private final Ticker ticker;
    private final GroupWatchdog watchdog;
    private final StopSequence stopSequence;
    private final Drainers drainers;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private volatile SupervisorState state = SupervisorState.RUNNING;
    private volatile String identifier;

    Lifecycle(EventLoop loop, DaemonLog log, Configs configs, Groups groups, Runnable refreshView, Runnable started, EventBus events,
              GroupWatchdog watchdog, Drainers drainers) {
        this.loop = loop;
        this.log = log;
        this.configs = configs;
        this.groups = groups;
        this.refreshView = refreshView;
        this.started = started;
        this.events = events;
        this.ticker = new Ticker(loop, events::publish);
        this.watchdog = watchdog;
        this.drainers = drainers;
        this.stopSequence = new StopSequence(loop, log);
        this.identifier = configs.active().daemon().identifier();
    }

    SupervisorState state() {
        return state;
    }

    String identifier() {
        return identifier;
    }

    CompletableFuture<Void> terminated() {
        return terminated;
    }

    /** Starts the loop on a thread of its own; returns once the groups are active and autostarted. */
    void start() {
        loop.start();
        loop.callAndWait(() -> {
            begin();
            return null;
        });
    }

    /** As {@link #start()}, on the calling thread; returns once a shutdown has released the engine. */
    void run() {
        loop.execute(this::begin);
        loop.runHere();
    }

    private void begin() {
        ticker.start();
        activate(configs.active().groups());
    }

    /**
     * Adds the groups (PROCESS_GROUP_ADDED each), says RUNNING, lets the view's readers in (the first
     * time), then autostarts: the control socket answers while the programs are being spawned (200
     * spawns take a second here), showing each STOPPED until it is STARTING.
     */
    private void activate(List<GroupConfig> configured) {
        List<ProcessGroup> added = new ArrayList<>();
        for (GroupConfig gc : configured) {
            added.add(groups.add(gc));
        }
        events.publish(new EngineEvent.SupervisorStateChanged(SupervisorState.RUNNING));
        started.run();
        Groups.autostart(added);
        refreshView.run();
    }

    void shutdown() {
        loop.execute(() -> {
            if (state == SupervisorState.SHUTDOWN) {
                return;
            }
            state = SupervisorState.SHUTDOWN;
            events.publish(new EngineEvent.SupervisorStateChanged(state));
            stopAll().thenRun(this::release);
        });
    }

    void restart() {
        loop.execute(() -> {
            if (state != SupervisorState.RUNNING) {
                return;
            }
            SupervisordConf fresh;
            try {
                fresh = configs.load();
            } catch (Exception e) {
                log.error("reload refused, the configuration is unchanged and nothing was stopped: " + e.getMessage());
                return;
            }
            state = SupervisorState.RESTARTING;
            events.publish(new EngineEvent.SupervisorStateChanged(state));
            stopAll().thenRun(() -> {
                groups.closeAll();
                refreshView.run();
                configs.activated(fresh);
                identifier = fresh.daemon().identifier();
                groups.useLogDirectory(fresh.daemon());
                log.setThreshold(fresh.daemon().loglevel());
                state = SupervisorState.RUNNING;
                activate(fresh.groups());
            });
        });
    }

    /** Every group, staged ones too, in order; then the socket programs' old processes still draining. */
    private CompletableFuture<Void> stopAll() {
        return stopSequence.stopAll(groups.everything()).thenCompose(v -> drainers.shutdown());
    }

    private void release() {
        groups.closeAll();
        refreshView.run();
        started.run();
        watchdog.close();
        ticker.stop();
        events.close();
        loop.stop();
        terminated.complete(null);
    }
}
