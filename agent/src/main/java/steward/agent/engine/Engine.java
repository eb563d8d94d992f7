package steward.agent.engine;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import steward.agent.logs.DaemonLog;
import steward.agent.logs.LogSink;
import steward.agent.logs.LogSinks;
import steward.agent.events.EventBus;
import steward.agent.events.Ticker;
import steward.agent.os.Clock;
import steward.agent.os.EventLoop;
import steward.compat.api.ConfigDiff;
import steward.compat.api.Fault;
import steward.compat.api.ProcessControl;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessRef;
import steward.compat.api.RpcFault;
import steward.compat.api.SupervisorState;
import steward.compat.config.GroupConfig;
import steward.compat.config.ProcessConfig;
import steward.compat.config.SupervisordConf;
import steward.compat.events.EngineEvent;
import steward.compat.events.EventSource;
import steward.compat.events.EventSubscriber;
import steward.compat.events.EventType;
import steward.compat.events.Subscription;

/**
 * The process engine: active groups of {@link ProcessRunner}s on one {@link EventLoop}. Implements
 * the control interface the XML-RPC server calls; every call hops onto the loop thread, so no
 * state here is ever touched by two threads.
 */
public final class Engine implements ProcessControl, EventSource {
    private static final long WAITING_LOG_INTERVAL_MS = 3000;

    private final EventLoop loop;
    private final DaemonLog log;
    private final ConfigLoader loader;
    private final EngineContext ctx;
    private final EventBus events;
    private final Ticker ticker;
    private final Map<String, ProcessGroup> groups = new LinkedHashMap<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private volatile SupervisorState state = SupervisorState.RUNNING;
    private SupervisordConf active;
    private volatile String identifier;
    private SupervisordConf configured;
    private LogSinks logSinks;
    /**
     * getAllProcessInfo's answer since the last change (with {@code now} = 0), or null when a state
     * change or a group change made it stale. Written on the loop thread only; read by any thread,
     * so a status call costs no hop onto the loop while nothing changes.
     */
    private volatile List<ProcessInfo> snapshot;

    /** Settings the daemon gives the engine. {@code serverUrl} may be null. */
    public record Options(String serverUrl, boolean watchdog, ProcessHooks hooks, Clock clock) {
        public Options(String serverUrl, boolean watchdog) {
            this(serverUrl, watchdog, ProcessHooks.NONE, Clock.SYSTEM);
        }
    }

    public Engine(SupervisordConf conf, ConfigLoader loader, DaemonLog log, Options options) throws Exception {
        this.loop = new EventLoop("steward-engine", options.clock());
        this.log = log;
        this.loader = loader;
        this.active = conf;
        this.identifier = conf.daemon().identifier();
        this.configured = conf;
        GroupWatchdog watchdog = options.watchdog() ? GroupWatchdog.start() : GroupWatchdog.NONE;
        this.events = new EventBus(log, loop::inLoop);
        this.ticker = new Ticker(loop, events::publish);
        events.subscribe(e -> snapshot = null, Delivery.onLoop("status snapshot"), EventType.PROCESS_STATE,
                EventType.PROCESS_GROUP);
        this.ctx = new EngineContext(loop, log, events, options.hooks(), options.clock(), watchdog,
                ByteBuffer.allocateDirect(128 * 1024), DaemonEnvironment.of(conf), options.serverUrl(),
                () -> state != SupervisorState.RUNNING);
        watchdog.supervise(loop, log);
        this.logSinks = new LogSinks(conf.daemon().childlogdir(), conf.daemon().identifier(), log::warn);
        if (!conf.daemon().nocleanup()) {
            logSinks.removeStaleAutoLogs();
        }
    }

    /** Starts the loop and every group, autostarting in ascending priority. */
    public void start() {
        loop.start();
        loop.execute(() -> {
            ticker.start();
            activate(active.groups());
        });
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
        loop.execute(() -> groups.values().forEach(g -> g.runners().forEach(ProcessRunner::retryGated)));
    }

    /**
     * The ready check of a STARTING process passed ({@code failure} null) or gave up: it enters
     * RUNNING, or is killed and counts as a failed start (BACKOFF, then a retry or FATAL).
     */
    public void readiness(ProcessRef ref, String failure) {
        loop.execute(() -> runner(ref).ifPresent(r -> {
            if (failure == null) {
                r.readinessPassed();
            } else {
                r.readinessFailed(failure);
            }
        }));
    }

    /** Something a process' info shows changed without a state change (a notify STATUS=). */
    public void infoChanged() {
        loop.execute(() -> snapshot = null);
    }

    /** The engine's loop, for hooks' own non-blocking work on it (readiness probes). */
    public EventLoop loop() {
        return loop;
    }

    /** Publishes an event the engine's hooks found (capture mode's PROCESS_COMMUNICATION); on the loop thread. */
    public void publish(EngineEvent event) {
        events.publish(event);
    }

    @Override
    public void sendRemoteCommEvent(String type, String data) {
        loop.execute(() -> events.publish(new EngineEvent.RemoteCommunication(type, data)));
    }

    /** Completes when a shutdown has stopped every process and released the engine. */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    private void activate(List<GroupConfig> configs) {
        List<ProcessGroup> added = new ArrayList<>();
        for (GroupConfig gc : configs) {
            added.add(createGroup(gc));
        }
        events.publish(new EngineEvent.SupervisorStateChanged(SupervisorState.RUNNING));
        autostart(added);
    }

    private ProcessGroup createGroup(GroupConfig gc) {
        ProcessGroup group = new ProcessGroup(gc);
        for (ProcessConfig pc : gc.processes()) {
            LogSink out = logSinks.open(pc.stdout(), pc.name(), "stdout");
            LogSink err = pc.redirectStderr() ? null : logSinks.open(pc.stderr(), pc.name(), "stderr");
            group.add(new ProcessRunner(new ProcessRef(gc.name(), pc.name()), pc, ctx, out, err));
        }
        groups.put(gc.name(), group);
        events.publish(new EngineEvent.GroupChanged(gc.name(), true));
        return group;
    }

    private void autostart(List<ProcessGroup> added) {
        added.stream()
                .flatMap(g -> g.runners().stream())
                .sorted(Comparator.comparingInt((ProcessRunner r) -> r.config().priority()))
                .forEach(ProcessRunner::autostart);
    }

    // ---- ProcessControl -------------------------------------------------------------------

    @Override
    public SupervisorState state() {
        return state;
    }

    @Override
    public String identification() {
        return identifier;
    }

    @Override
    public long daemonPid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public List<ProcessInfo> allProcessInfo() {
        List<ProcessInfo> current = snapshot;
        if (current == null) {
            // every change a process's info shows is made before the state change that publishes
            // it, and that event drops the snapshot: one built on the loop is always whole
            current = loop.callAndWait(this::snapshotOnLoop);
        }
        long now = loop.clock().millis() / 1000;
        List<ProcessInfo> all = new ArrayList<>(current.size());
        for (ProcessInfo p : current) {
            all.add(new ProcessInfo(p.name(), p.group(), p.start(), p.stop(), now, p.state(), p.spawnerr(),
                    p.exitstatus(), p.stdoutLogfile(), p.stderrLogfile(), p.pid(), p.statusText()));
        }
        return all;
    }

    /** Builds the snapshot on the loop and keeps it until the next state or group change. */
    private List<ProcessInfo> snapshotOnLoop() {
        List<ProcessInfo> current = snapshot;
        if (current != null) {
            return current;
        }
        List<ProcessInfo> all = new ArrayList<>();
        for (ProcessGroup g : groups.values()) {
            for (ProcessRunner r : g.runners()) {
                all.add(r.info(0));
            }
        }
        all.sort(Comparator.comparing(ProcessInfo::group).thenComparing(ProcessInfo::name));
        current = List.copyOf(all);
        snapshot = current;
        return current;
    }

    @Override
    public Optional<ProcessInfo> processInfo(ProcessRef ref) {
        return loop.callAndWait(() -> runner(ref).map(r -> r.info(loop.clock().millis() / 1000)));
    }

    @Override
    public int priority(ProcessRef ref) {
        return loop.callAndWait(() -> runner(ref).map(r -> r.config().priority()).orElse(999));
    }

    @Override
    public CompletableFuture<Void> start(ProcessRef ref, boolean wait) {
        return loop.call(() -> runnerOrFault(ref).start(wait)).thenCompose(f -> f);
    }

    @Override
    public CompletableFuture<Void> stop(ProcessRef ref, boolean wait) {
        return loop.call(() -> runnerOrFault(ref).stop(wait)).thenCompose(f -> f);
    }

    @Override
    public void signal(ProcessRef ref, int signo) throws RpcFault {
        loop.callAndWait(() -> {
            runnerOrFault(ref).signal(signo);
            return null;
        });
    }

    @Override
    public void sendStdin(ProcessRef ref, String chars) throws RpcFault {
        loop.callAndWait(() -> {
            runnerOrFault(ref).sendStdin(chars);
            return null;
        });
    }

    @Override
    public void clearLogs(ProcessRef ref) throws RpcFault {
        loop.callAndWait(() -> {
            ProcessRunner r = runnerOrFault(ref);
            try {
                r.clearLogs();
            } catch (RuntimeException e) {
                throw new RpcFault(Fault.FAILED, ref.namespec());
            }
            return null;
        });
    }

    @Override
    public Optional<Path> mainLogFile() {
        return log.path();
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
        log.info("supervisord logreopen");
        log.reopen();
        loop.execute(() -> groups.values().forEach(g -> g.runners().forEach(ProcessRunner::reopenLogs)));
    }

    @Override
    public ConfigDiff reread() throws RpcFault {
        SupervisordConf fresh;
        try {
            fresh = loader.load();
        } catch (Exception e) {
            throw new RpcFault(Fault.CANT_REREAD, e.getMessage());
        }
        return loop.callAndWait(() -> {
            configured = fresh;
            List<String> added = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            for (GroupConfig gc : fresh.groups()) {
                ProcessGroup g = groups.get(gc.name());
                if (g == null) {
                    added.add(gc.name());
                } else if (!g.config().equals(gc)) {
                    changed.add(gc.name());
                }
            }
            for (String name : groups.keySet()) {
                if (fresh.group(name).isEmpty()) {
                    removed.add(name);
                }
            }
            return new ConfigDiff(added, changed, removed);
        });
    }

    @Override
    public List<GroupConfig> configuredGroups() {
        return loop.callAndWait(() -> configured.groups());
    }

    @Override
    public boolean isActive(String group) {
        return loop.callAndWait(() -> groups.containsKey(group));
    }

    @Override
    public void addGroup(String group) throws RpcFault {
        loop.callAndWait(() -> {
            GroupConfig gc = configured.group(group).orElseThrow(() -> new RpcFault(Fault.BAD_NAME, group));
            if (groups.containsKey(group)) {
                throw new RpcFault(Fault.ALREADY_ADDED, group);
            }
            autostart(List.of(createGroup(gc)));
            return null;
        });
    }

    @Override
    public void removeGroup(String group) throws RpcFault {
        loop.callAndWait(() -> {
            ProcessGroup g = groups.get(group);
            if (g == null) {
                throw new RpcFault(Fault.BAD_NAME, group);
            }
            if (!g.allStopped()) {
                throw new RpcFault(Fault.STILL_RUNNING, group);
            }
            groups.remove(group);
            g.runners().forEach(ProcessRunner::close);
            events.publish(new EngineEvent.GroupChanged(group, false));
            return null;
        });
    }

    @Override
    public void shutdown() {
        loop.execute(() -> {
            if (state == SupervisorState.SHUTDOWN) {
                return;
            }
            state = SupervisorState.SHUTDOWN;
            events.publish(new EngineEvent.SupervisorStateChanged(state));
            stopAllInOrder().thenRun(this::release);
        });
    }

    @Override
    public void restart() {
        loop.execute(() -> {
            if (state != SupervisorState.RUNNING) {
                return;
            }
            SupervisordConf fresh;
            try {
                fresh = loader.load();
            } catch (Exception e) {
                log.error("reload refused, the configuration is unchanged and nothing was stopped: " + e.getMessage());
                return;
            }
            state = SupervisorState.RESTARTING;
            events.publish(new EngineEvent.SupervisorStateChanged(state));
            stopAllInOrder().thenRun(() -> {
                groups.values().forEach(g -> g.runners().forEach(ProcessRunner::close));
                groups.clear();
                snapshot = null;
                active = fresh;
                identifier = fresh.daemon().identifier();
                configured = fresh;
                logSinks = new LogSinks(fresh.daemon().childlogdir(), fresh.daemon().identifier(), log::warn);
                if (!fresh.daemon().nocleanup()) {
                    logSinks.removeStaleAutoLogs();
                }
                log.setThreshold(fresh.daemon().loglevel());
                state = SupervisorState.RUNNING;
                activate(fresh.groups());
            });
        });
    }

    // ---- helpers --------------------------------------------------------------------------

    /**
     * Stops every group: dependants before what they depend on ({@link DependencyLevels}), then
     * highest priority number first; groups of equal rank stop in parallel, and the next batch
     * starts when the current one is fully stopped. Runs on the loop.
     */
    private CompletableFuture<Void> stopAllInOrder() {
        Map<String, Integer> levels = DependencyLevels.of(groups.values().stream().map(ProcessGroup::config).toList());
        TreeMap<Integer, TreeMap<Integer, List<ProcessGroup>>> batches = new TreeMap<>(Comparator.reverseOrder());
        for (ProcessGroup g : groups.values()) {
            batches.computeIfAbsent(levels.getOrDefault(g.name(), 0), k -> new TreeMap<>(Comparator.reverseOrder()))
                    .computeIfAbsent(g.priority(), k -> new ArrayList<>()).add(g);
        }
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (TreeMap<Integer, List<ProcessGroup>> level : batches.values()) {
            for (List<ProcessGroup> batch : level.values()) {
                chain = chain.thenCompose(v -> stopBatch(batch));
            }
        }
        return chain;
    }

    private CompletableFuture<Void> stopBatch(List<ProcessGroup> batch) {
        List<ProcessRunner> runners = batch.stream().flatMap(g -> g.runners().stream())
                .sorted(Comparator.comparingInt((ProcessRunner r) -> r.config().priority()).reversed())
                .collect(Collectors.toList());
        runners.forEach(ProcessRunner::stopForShutdown);
        CompletableFuture<Void> all = CompletableFuture.allOf(
                runners.stream().map(ProcessRunner::whenStopped).toArray(CompletableFuture[]::new));
        if (!all.isDone()) {
            logWaiting(runners, all);
        }
        return all;
    }

    private void logWaiting(List<ProcessRunner> runners, CompletableFuture<Void> done) {
        String names = runners.stream().filter(r -> !r.state().isStopped()).map(r -> r.ref().name())
                .collect(Collectors.joining(", "));
        log.info("waiting for " + names + " to die");
        loop.schedule(WAITING_LOG_INTERVAL_MS, () -> {
            if (!done.isDone()) {
                logWaiting(runners, done);
            }
        });
    }

    private void release() {
        groups.values().forEach(g -> g.runners().forEach(ProcessRunner::close));
        groups.clear();
        snapshot = null;
        ctx.watchdog().close();
        ticker.stop();
        events.close();
        loop.stop();
        terminated.complete(null);
    }

    private Optional<ProcessRunner> runner(ProcessRef ref) {
        ProcessGroup g = groups.get(ref.group());
        return g == null ? Optional.empty() : g.runner(ref.name());
    }

    private ProcessRunner runnerOrFault(ProcessRef ref) throws RpcFault {
        return runner(ref).orElseThrow(() -> new RpcFault(Fault.BAD_NAME, ref.namespec()));
    }
}
