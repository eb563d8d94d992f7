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
import steward.agent.logs.SinkTap;
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

/**
 * The process engine: active groups of {@link ProcessRunner}s on one {@link EventLoop}. Implements
 * the control interface the XML-RPC server calls; every call hops onto the loop thread, so no
 * state here is ever touched by two threads.
 */
public final class Engine implements ProcessControl {
    private static final long WAITING_LOG_INTERVAL_MS = 3000;

    private final EventLoop loop;
    private final DaemonLog log;
    private final ConfigLoader loader;
    private final EngineContext ctx;
    private final Map<String, ProcessGroup> groups = new LinkedHashMap<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private volatile SupervisorState state = SupervisorState.RUNNING;
    private SupervisordConf active;
    private SupervisordConf configured;
    private LogSinks logSinks;
    /**
     * getAllProcessInfo's answer since the last change (with {@code now} = 0), or null when a state
     * change or a group change made it stale. Written on the loop thread only; read by any thread,
     * so a status call costs no hop onto the loop while nothing changes.
     */
    private volatile List<ProcessInfo> snapshot;

    /**
     * Settings the daemon gives the engine. {@code serverUrl} may be null; {@code tap} wraps every
     * output channel's sink (the --log-stdout mirror).
     */
    public record Options(String serverUrl, boolean watchdog, EngineListener listener, SinkTap tap) {
        public Options(String serverUrl, boolean watchdog, EngineListener listener) {
            this(serverUrl, watchdog, listener, SinkTap.NONE);
        }
    }

    private final SinkTap tap;

    public Engine(SupervisordConf conf, ConfigLoader loader, DaemonLog log, Options options) throws Exception {
        this.loop = new EventLoop("steward-engine");
        this.tap = options.tap();
        this.log = log;
        this.loader = loader;
        this.active = conf;
        this.configured = conf;
        GroupWatchdog watchdog = options.watchdog() ? GroupWatchdog.start() : GroupWatchdog.NONE;
        EngineListener listener = options.listener();
        EngineListener invalidating = (ref, from, to) -> {
            snapshot = null;
            listener.stateChanged(ref, from, to);
        };
        this.ctx = new EngineContext(loop, log, invalidating, watchdog, ByteBuffer.allocateDirect(128 * 1024),
                DaemonEnvironment.of(conf), options.serverUrl(), () -> state != SupervisorState.RUNNING);
        this.logSinks = new LogSinks(conf.daemon().childlogdir(), conf.daemon().identifier());
        if (!conf.daemon().nocleanup()) {
            logSinks.removeStaleAutoLogs();
        }
    }

    /** Starts the loop and every group, autostarting in ascending priority. */
    public void start() {
        loop.start();
        loop.execute(() -> activate(active.groups()));
    }

    /** Completes when a shutdown has stopped every process and released the engine. */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    EventLoop loop() {
        return loop;
    }

    private void activate(List<GroupConfig> configs) {
        List<ProcessGroup> added = new ArrayList<>();
        for (GroupConfig gc : configs) {
            added.add(createGroup(gc));
        }
        autostart(added);
    }

    private ProcessGroup createGroup(GroupConfig gc) {
        ProcessGroup group = new ProcessGroup(gc);
        for (ProcessConfig pc : gc.processes()) {
            LogSink out = tap.wrap(logSinks.open(pc.stdout(), pc.name(), "stdout"), pc.name(), "stdout");
            LogSink err = pc.redirectStderr() ? null
                    : tap.wrap(logSinks.open(pc.stderr(), pc.name(), "stderr"), pc.name(), "stderr");
            group.add(new ProcessRunner(new ProcessRef(gc.name(), pc.name()), pc, ctx, out, err));
        }
        groups.put(gc.name(), group);
        snapshot = null;
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
        return active.daemon().identifier();
    }

    @Override
    public long daemonPid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public List<ProcessInfo> allProcessInfo() {
        List<ProcessInfo> current = snapshot;
        if (current == null) {
            // inside a loop task a change may be half made (a spawn sets the pid after entering
            // STARTING): build without keeping it; from other threads, build as a task of its own
            boolean keep = !loop.inLoop();
            current = loop.callAndWait(() -> snapshotOnLoop(keep));
        }
        long now = System.currentTimeMillis() / 1000;
        List<ProcessInfo> all = new ArrayList<>(current.size());
        for (ProcessInfo p : current) {
            all.add(new ProcessInfo(p.name(), p.group(), p.start(), p.stop(), now, p.state(), p.spawnerr(),
                    p.exitstatus(), p.stdoutLogfile(), p.stderrLogfile(), p.pid()));
        }
        return all;
    }

    /** Builds the snapshot on the loop, and keeps it when {@code keep}. */
    private List<ProcessInfo> snapshotOnLoop(boolean keep) {
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
        if (keep) {
            snapshot = current;
        }
        return current;
    }

    @Override
    public Optional<ProcessInfo> processInfo(ProcessRef ref) {
        return loop.callAndWait(() -> runner(ref).map(r -> r.info(System.currentTimeMillis() / 1000)));
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
        try {
            log.clear();
        } catch (RuntimeException e) {
            throw new RpcFault(Fault.FAILED, e.getMessage());
        }
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
            snapshot = null;
            g.runners().forEach(ProcessRunner::close);
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
            stopAllInOrder().thenRun(() -> {
                groups.values().forEach(g -> g.runners().forEach(ProcessRunner::close));
                groups.clear();
                snapshot = null;
                active = fresh;
                configured = fresh;
                logSinks = new LogSinks(fresh.daemon().childlogdir(), fresh.daemon().identifier());
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
     * Stops every group, highest priority number first; groups of equal priority stop in parallel,
     * and the next batch starts when the current one is fully stopped. Runs on the loop.
     */
    private CompletableFuture<Void> stopAllInOrder() {
        TreeMap<Integer, List<ProcessGroup>> batches = new TreeMap<>(Comparator.reverseOrder());
        for (ProcessGroup g : groups.values()) {
            batches.computeIfAbsent(g.priority(), k -> new ArrayList<>()).add(g);
        }
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (List<ProcessGroup> batch : batches.values()) {
            chain = chain.thenCompose(v -> stopBatch(batch));
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
