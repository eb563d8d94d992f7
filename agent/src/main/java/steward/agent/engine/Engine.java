package steward.agent.engine;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import steward.agent.events.EventBus;
import steward.agent.logs.DaemonLog;
import steward.agent.os.Clock;
import steward.agent.os.EventLoop;
import steward.compat.api.ConfigDiff;
import steward.compat.api.EngineView;
import steward.compat.api.Fault;
import steward.compat.api.ProcessControl;
import steward.compat.api.ProcessRef;
import steward.compat.api.RpcFault;
import steward.compat.api.SupervisorState;
import steward.compat.config.GroupConfig;
import steward.compat.config.SupervisordConf;
import steward.compat.events.EngineEvent;
import steward.compat.events.EventSource;
import steward.compat.events.EventSubscriber;
import steward.compat.events.EventType;
import steward.compat.events.Subscription;

/**
 * The process engine: active {@link Groups} of {@link ProcessRunner}s on one {@link EventLoop},
 * and the {@link EventBus} that tells what happens to them. Implements the control interface the
 * XML-RPC server calls: every command runs on the loop thread (callers hop onto it), so no state
 * is touched by two threads; what other threads read is the immutable {@link EngineView} that
 * {@link EngineViews} publishes after each event (a volatile read). The daemon's own start, reload
 * and shutdown are its {@link Lifecycle}.
 */
public final class Engine implements ProcessControl, EventSource {
    private final EventLoop loop;
    private final DaemonLog log;
    private final Configs configs;
    private final EventBus events;
    private final Groups groups;
    private final EngineViews views;
    private final Lifecycle lifecycle;
    private final Staging staging;

    /** Settings the daemon gives the engine. {@code serverUrl} may be null. */
    public record Options(String serverUrl, boolean watchdog, ProcessHooks hooks, Clock clock) {
        public Options(String serverUrl, boolean watchdog) {
            this(serverUrl, watchdog, ProcessHooks.NONE, Clock.SYSTEM);
        }
    }

    public Engine(SupervisordConf conf, ConfigLoader loader, DaemonLog log, Options options) throws Exception {
        this.loop = new EventLoop("steward-engine", options.clock());
        this.log = log;
        this.configs = new Configs(conf, loader);
        GroupWatchdog watchdog = options.watchdog() ? GroupWatchdog.start() : GroupWatchdog.NONE;
        watchdog.supervise(loop, log);
        this.events = new EventBus(log, loop::inLoop);
        Drainers drainers = new Drainers(loop, log, watchdog);
        EngineContext ctx = new EngineContext(loop, Spawner.on(loop), log, events, options.hooks(), watchdog,
                DaemonEnvironment.of(conf), options.serverUrl(), this::shuttingDown, drainers);
        this.groups = new Groups(ctx, conf.daemon());
        this.views = new EngineViews(loop, groups, configs, log, this::daemonState, this::identifier);
        this.lifecycle = new Lifecycle(loop, log, configs, groups, views::refresh, views::started, events, watchdog,
                drainers);
        this.staging = new Staging(loop, configs, groups, views::refresh);
        views.follow(events);
        events.subscribe(new StateLines(log, ref -> groups.runner(ref).map(ProcessRunner::config)),
                Delivery.onLoop("main log"), EventType.PROCESS_STATE);
    }

    /** Starts the loop (on a thread of its own) and every group, autostarting in ascending priority; returns once done. */
    public void start() {
        lifecycle.start();
    }

    /**
     * As {@link #start()} then {@code terminated().join()}, with the loop on the calling thread
     * (a daemon's {@code main}, one thread less); returns when a shutdown has released the engine.
     * The caller must not wait for the engine before this (the loop is not running yet).
     */
    public void run() {
        lifecycle.run();
    }

    private SupervisorState daemonState() {
        return lifecycle.state();
    }

    private String identifier() {
        return lifecycle.identifier();
    }

    private boolean shuttingDown() {
        return lifecycle.state() != SupervisorState.RUNNING;
    }

    /** Completes when a shutdown has stopped every process and released the engine. */
    public CompletableFuture<Void> terminated() {
        return lifecycle.terminated();
    }

    /** A redeploy's staged groups: the new release's socket programs started beside the old ones. */
    public Staging staging() {
        return staging;
    }

    /** The engine's loop, for hooks' own non-blocking work on it (readiness probes). */
    public EventLoop loop() {
        return loop;
    }

    /**
     * The ready check of a STARTING process passed ({@code failure} null) or gave up: it enters
     * RUNNING, or is killed and counts as a failed start (BACKOFF, then a retry or FATAL).
     */
    public void readiness(ProcessRef ref, String failure) {
        loop.execute(() -> groups.runner(ref).ifPresent(r -> r.readiness(failure)));
    }

    /** Something a process' info shows changed without a state change (a notify STATUS=). */
    public void infoChanged() {
        loop.execute(views::refresh);
    }

    /**
     * Subscribes to the engine's events (see {@link EventSource}); from any thread. To act on the
     * current state and then on every change without a gap, subscribe on the loop (from an on-loop
     * subscriber or {@link #onLoop}) and read the state in the same task.
     */
    @Override
    public Subscription subscribe(EventSubscriber subscriber, Delivery delivery, EventType... types) {
        return events.subscribe(subscriber, delivery, types);
    }

    /** Runs {@code task} on the engine's loop thread, between events; from any thread. */
    public void onLoop(Runnable task) {
        loop.execute(task);
    }

    /** Starts every process the start gate held back that it allows now (see {@link ProcessHooks#mayStart}). */
    public void retryGated() {
        loop.execute(() -> {
            boolean held = false;
            for (ProcessRunner r : groups.runners()) {
                held |= r.retryGated();
            }
            if (held) {
                views.refresh(); // a gate's reason (spawnerr) changes with no event
            }
        });
    }

    /** Publishes an event the engine's hooks found (capture mode's PROCESS_COMMUNICATION); on the loop thread. */
    public void publish(EngineEvent event) {
        events.publish(event);
    }

    @Override
    public void sendRemoteCommEvent(String type, String data) {
        loop.execute(() -> events.publish(new EngineEvent.RemoteCommunication(type, data)));
    }

    // ---- ProcessControl -------------------------------------------------------------------

    @Override
    public EngineView view() {
        return views.current().at(loop.clock().millis() / 1000);
    }

    @Override
    public CompletableFuture<EngineView> awaitView(Predicate<EngineView> condition) {
        return views.await(condition);
    }

    @Override
    public CompletableFuture<Void> start(ProcessRef ref, boolean wait) {
        return loop.call(() -> groups.runnerOrFault(ref).start(wait)).thenCompose(f -> f);
    }

    @Override
    public CompletableFuture<Void> stop(ProcessRef ref, boolean wait) {
        return loop.call(() -> groups.runnerOrFault(ref).stop(wait)).thenCompose(f -> f);
    }

    @Override
    public void signal(ProcessRef ref, int signo) throws RpcFault {
        onRunner(ref, r -> r.signal(signo));
    }

    @Override
    public void sendStdin(ProcessRef ref, String chars) throws RpcFault {
        onRunner(ref, r -> r.sendStdin(chars));
    }

    @Override
    public void clearLogs(ProcessRef ref) throws RpcFault {
        onRunner(ref, r -> {
            try {
                r.clearLogs();
            } catch (RuntimeException e) {
                throw new RpcFault(Fault.FAILED, ref.namespec());
            }
        });
    }

    private interface RunnerCall {
        void run(ProcessRunner r) throws RpcFault;
    }

    /** Runs {@code call} on the loop with the process's runner; BAD_NAME when there is none. */
    private void onRunner(ProcessRef ref, RunnerCall call) throws RpcFault {
        loop.callAndWait(() -> {
            call.run(groups.runnerOrFault(ref));
            return null;
        });
    }

    @Override
    public void clearMainLog() throws RpcFault {
        if (log.path().isEmpty()) {
            throw new RpcFault(Fault.NO_FILE);
        }
        loop.callAndWait(() -> {
            try {
                log.clear();
            } catch (RuntimeException e) {
                throw new RpcFault(Fault.FAILED, e.getMessage());
            }
            return null;
        });
    }

    @Override
    public void reopenLogs() {
        loop.execute(() -> {
            log.info("supervisord logreopen");
            log.reopen();
            groups.runners().forEach(ProcessRunner::reopenLogs);
        });
    }

    @Override
    public ConfigDiff reread() throws RpcFault {
        SupervisordConf fresh = configs.reread();
        return loop.callAndWait(() -> {
            configs.configured(fresh);
            views.refresh();
            return groups.diff(fresh);
        });
    }

    @Override
    public void addGroup(String group) throws RpcFault {
        loop.callAndWait(() -> {
            GroupConfig gc = configs.configuredGroup(group);
            if (groups.contains(group)) {
                throw new RpcFault(Fault.ALREADY_ADDED, group);
            }
            Groups.autostart(List.of(groups.add(gc)));
            views.refresh();
            return null;
        });
    }

    @Override
    public void removeGroup(String group) throws RpcFault {
        loop.callAndWait(() -> {
            groups.remove(group);
            return null;
        });
    }

    @Override
    public void shutdown() {
        lifecycle.shutdown();
    }

    @Override
    public void restart() {
        lifecycle.restart();
    }
}
