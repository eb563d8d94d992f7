package steward.compat.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import steward.compat.api.ConfigDiff;
import steward.compat.api.EngineView;
import steward.compat.api.Fault;
import steward.compat.api.GroupView;
import steward.compat.api.ProcessControl;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.api.ProcessView;
import steward.compat.api.RpcFault;
import steward.compat.api.SupervisorState;
import steward.compat.config.AutoRestart;
import steward.compat.config.GroupConfig;
import steward.compat.config.LogConfig;
import steward.compat.config.LogTarget;
import steward.compat.config.ProcessConfig;
import steward.compat.config.Signal;

/**
 * An in-memory ProcessControl that records every call; its state is read as one {@link EngineView}
 * record, built from the fake's processes at each {@link #view()}. Starting and stopping with wait stays
 * pending until the test calls {@link #finishStart} / {@link #finishStop}, unless {@code instant}.
 */
public final class FakeControl implements ProcessControl {
    /** One fake process. */
    public static final class Proc {
        public final String group;
        public final String name;
        public final int priority;
        public volatile ProcessState state = ProcessState.STOPPED;
        public volatile long start;
        public volatile long stop;
        public volatile int pid;
        public volatile String spawnerr = "";
        public volatile String stdout = "";
        public volatile String stderr = "";
        public volatile Fault startFault;
        CompletableFuture<Void> pendingStart;
        CompletableFuture<Void> pendingStop;

        Proc(String group, String name, int priority) {
            this.group = group;
            this.name = name;
            this.priority = priority;
        }
    }

    public final List<String> calls = new CopyOnWriteArrayList<>();
    public final Map<String, Proc> procs = Collections.synchronizedMap(new LinkedHashMap<>());
    public final Map<String, Integer> groupPriority = Collections.synchronizedMap(new LinkedHashMap<>());
    public final List<String> inactiveGroups = new CopyOnWriteArrayList<>();
    public volatile SupervisorState state = SupervisorState.RUNNING;
    public volatile boolean instant = true;
    public volatile long now = 1_795_392_375L;
    public volatile Path mainLog;
    public volatile ConfigDiff diff = new ConfigDiff(List.of(), List.of(), List.of());
    public volatile RpcFault rereadFault;
    private int nextPid = 1000;

    public Proc add(String group, String name, int priority) {
        Proc p = new Proc(group, name, priority);
        procs.put(group + ":" + name, p);
        groupPriority.putIfAbsent(group, 999);
        return p;
    }

    public Proc proc(String group, String name) {
        return procs.get(group + ":" + name);
    }

    public synchronized void run(Proc p) {
        p.state = ProcessState.RUNNING;
        p.pid = ++nextPid;
        p.start = now - 200;
    }

    public void finishStart(Proc p) {
        CompletableFuture<Void> f;
        synchronized (this) {
            run(p);
            f = p.pendingStart;
            p.pendingStart = null;
        }
        if (f != null) {
            f.complete(null);
        }
    }

    public void finishStop(Proc p) {
        CompletableFuture<Void> f;
        synchronized (this) {
            p.state = ProcessState.STOPPED;
            p.pid = 0;
            p.stop = now;
            f = p.pendingStop;
            p.pendingStop = null;
        }
        if (f != null) {
            f.complete(null);
        }
    }

    public boolean hasPendingStop(Proc p) {
        return p.pendingStop != null;
    }

    /**
     * The fake's processes as the engine would publish them: one {@link EngineView} record built
     * from what the test set (groups sorted by name, processes by name), serial 0.
     */
    @Override
    public EngineView view() {
        Error e = boom;
        if (e != null) {
            boom = null;
            throw e;
        }
        Map<String, List<Proc>> byGroup = new TreeMap<>();
        synchronized (procs) {
            for (Proc p : procs.values()) {
                if (!inactiveGroups.contains(p.group)) {
                    byGroup.computeIfAbsent(p.group, g -> new ArrayList<>()).add(p);
                }
            }
        }
        List<GroupView> groups = new ArrayList<>();
        byGroup.forEach((g, ps) -> {
            ps.sort(Comparator.comparing((Proc p) -> p.name));
            List<ProcessView> views = ps.stream().map(p -> new ProcessView(info(p), config(p))).toList();
            groups.add(new GroupView(new GroupConfig(g, groupPriority.getOrDefault(g, 999),
                    views.stream().map(ProcessView::config).toList()), views));
        });
        return new EngineView(0, now, state, "supervisor", 4242, Optional.ofNullable(mainLog), configuredGroups(), groups);
    }

    /** Completes at once when {@code condition} holds for {@link #view()}, else when a later change through the fake makes it hold. */
    @Override
    public CompletableFuture<EngineView> awaitView(Predicate<EngineView> condition) {
        CompletableFuture<EngineView> f = new CompletableFuture<>();
        awaiting.put(f, condition);
        changed();
        return f;
    }

    /** Tests the pending {@link #awaitView} conditions against the current view. */
    public void changed() {
        EngineView v = view();
        awaiting.entrySet().removeIf(e -> e.getKey().isDone() || (e.getValue().test(v) && e.getKey().complete(v)));
    }

    private final Map<CompletableFuture<EngineView>, Predicate<EngineView>> awaiting = new ConcurrentHashMap<>();

    private ProcessInfo info(Proc p) {
        return new ProcessInfo(p.name, p.group, p.start, p.stop, now, p.state, p.spawnerr, 0, p.stdout, p.stderr, p.pid);
    }

    private Optional<Proc> find(ProcessRef ref) {
        if (inactiveGroups.contains(ref.group())) {
            return Optional.empty();
        }
        return Optional.ofNullable(procs.get(ref.group() + ":" + ref.name()));
    }

    @Override
    public synchronized CompletableFuture<Void> start(ProcessRef ref, boolean wait) {
        calls.add("start " + ref.namespec() + " " + wait);
        Proc p = find(ref).orElse(null);
        if (p == null) {
            return CompletableFuture.failedFuture(new RpcFault(Fault.BAD_NAME, ref.namespec()));
        }
        if (p.startFault != null) {
            return CompletableFuture.failedFuture(new RpcFault(p.startFault, ref.namespec()));
        }
        if (p.state.isRunning()) {
            return CompletableFuture.failedFuture(new RpcFault(Fault.ALREADY_STARTED, ref.namespec()));
        }
        if (p.state == ProcessState.UNKNOWN) {
            return CompletableFuture.failedFuture(new RpcFault(Fault.FAILED, ref.namespec() + " is in an unknown process state"));
        }
        if (instant || !wait) {
            run(p);
            return CompletableFuture.completedFuture(null);
        }
        p.state = ProcessState.STARTING;
        p.pendingStart = new CompletableFuture<>();
        return p.pendingStart;
    }

    @Override
    public synchronized CompletableFuture<Void> stop(ProcessRef ref, boolean wait) {
        calls.add("stop " + ref.namespec() + " " + wait);
        Proc p = find(ref).orElse(null);
        if (p == null || !p.state.isRunning()) {
            return CompletableFuture.failedFuture(new RpcFault(p == null ? Fault.BAD_NAME : Fault.NOT_RUNNING, ref.namespec()));
        }
        if (instant || !wait) {
            p.state = ProcessState.STOPPED;
            p.pid = 0;
            p.stop = now;
            return CompletableFuture.completedFuture(null);
        }
        p.state = ProcessState.STOPPING;
        p.pendingStop = new CompletableFuture<>();
        return p.pendingStop;
    }

    @Override
    public void signal(ProcessRef ref, int signo) throws RpcFault {
        Proc p = find(ref).orElseThrow(() -> new RpcFault(Fault.BAD_NAME, ref.namespec()));
        if (!p.state.isSignallable()) {
            throw new RpcFault(Fault.NOT_RUNNING, ref.namespec());
        }
        calls.add("signal " + ref.namespec() + " " + signo);
    }

    @Override
    public void sendStdin(ProcessRef ref, String chars) throws RpcFault {
        Proc p = find(ref).orElseThrow(() -> new RpcFault(Fault.BAD_NAME, ref.namespec()));
        if (p.pid == 0 || p.state == ProcessState.STOPPING) {
            throw new RpcFault(Fault.NOT_RUNNING, ref.namespec());
        }
        calls.add("stdin " + ref.namespec() + " " + chars);
    }

    @Override
    public void clearLogs(ProcessRef ref) {
        calls.add("clear " + ref.namespec());
    }

    @Override public void clearMainLog() { calls.add("clearMainLog"); }
    @Override public void reopenLogs() { calls.add("reopenLogs"); }

    @Override
    public ConfigDiff reread() throws RpcFault {
        calls.add("reread");
        if (rereadFault != null) {
            throw rereadFault;
        }
        return diff;
    }

    /** Every group the test added, active or not. */
    public List<GroupConfig> configuredGroups() {
        Map<String, List<ProcessConfig>> byGroup = new LinkedHashMap<>();
        synchronized (procs) {
            for (Proc p : procs.values()) {
                byGroup.computeIfAbsent(p.group, g -> new ArrayList<>()).add(config(p));
            }
        }
        List<GroupConfig> out = new ArrayList<>();
        byGroup.forEach((g, ps) -> out.add(new GroupConfig(g, groupPriority.getOrDefault(g, 999), ps)));
        return out;
    }

    private static ProcessConfig config(Proc p) {
        LogConfig log = new LogConfig(LogTarget.AUTO, 52428800, 10, 0, false, false);
        return new ProcessConfig(p.name, p.name, "sleep 1000", p.priority, !p.name.equals("never"), AutoRestart.UNEXPECTED,
                1, 3, List.of(0), new Signal("TERM", 15), 10, false, false, Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), false, log, log, "AUTO", "test:1");
    }

    /** Thrown once, by the next {@link #view} (a fault inside the control server's selector thread). */
    public volatile Error boom;

    private boolean isActive(String group) {
        return !inactiveGroups.contains(group) && procs.values().stream().anyMatch(p -> p.group.equals(group));
    }

    @Override
    public void addGroup(String group) throws RpcFault {
        calls.add("addGroup " + group);
        if (procs.values().stream().noneMatch(p -> p.group.equals(group))) {
            throw new RpcFault(Fault.BAD_NAME, group);
        }
        if (!inactiveGroups.remove(group)) {
            throw new RpcFault(Fault.ALREADY_ADDED, group);
        }
    }

    @Override
    public void removeGroup(String group) throws RpcFault {
        calls.add("removeGroup " + group);
        if (!isActive(group)) {
            throw new RpcFault(Fault.BAD_NAME, group);
        }
        if (procs.values().stream().anyMatch(p -> p.group.equals(group) && !p.state.isStopped())) {
            throw new RpcFault(Fault.STILL_RUNNING, group);
        }
        inactiveGroups.add(group);
    }

    @Override
    public void shutdown() {
        calls.add("shutdown");
        state = SupervisorState.SHUTDOWN;
    }

    @Override
    public void restart() {
        calls.add("restart");
        state = SupervisorState.RESTARTING;
    }
}
