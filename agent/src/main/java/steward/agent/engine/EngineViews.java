package steward.agent.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;
import steward.agent.events.EventBus;
import steward.agent.logs.DaemonLog;
import steward.agent.os.EventLoop;
import steward.compat.api.EngineView;
import steward.compat.api.GroupView;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessView;
import steward.compat.api.SupervisorState;
import steward.compat.events.EngineEvent;
import steward.compat.events.EventSource.Delivery;

/**
 * The engine's {@link EngineView}s: an on-loop subscriber of every event, registered before any
 * other, publishes a new view after each one (stamped with its serial), so every later subscriber
 * and every reader on another thread sees the state the event reports. A process's state change
 * rebuilds that process and its group only; the other groups' records are shared with the view
 * before. Every change a process's info shows is made before the event that publishes it; the few
 * that no event reports (a start gate's reason, a notify {@code STATUS=}, a re-read configuration,
 * groups replaced by a reload or a redeploy) call {@link #refresh}. Then the pending
 * {@link #await} conditions are tested against the new view, from the engine's start on (before,
 * no group is active yet and {@link #current} waits). {@link #current} from any thread; the rest
 * on the loop thread.
 */
final class EngineViews {
    private static final Comparator<ProcessRunner> BY_NAME = Comparator.comparing(r -> r.ref().name());

    private final EventLoop loop;
    private final Groups groups;
    private final Configs configs;
    private final DaemonLog log;
    private final Supplier<SupervisorState> state;
    private final Supplier<String> identifier;
    private final long pid = ProcessHandle.current().pid();
    private final Map<CompletableFuture<EngineView>, Predicate<EngineView>> awaiting = new LinkedHashMap<>();
    /** Completed once the engine's first groups are active: before, a view would show none. */
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private long serial;
    private volatile EngineView current;

    EngineViews(EventLoop loop, Groups groups, Configs configs, DaemonLog log, Supplier<SupervisorState> state,
            Supplier<String> identifier) {
        this.loop = loop;
        this.groups = groups;
        this.configs = configs;
        this.log = log;
        this.state = state;
        this.identifier = identifier;
    }

    /** Publishes the first view (no groups yet) and then one after each of {@code events}' events; call before anyone subscribes. */
    void follow(EventBus events) {
        current = build(List.of());
        events.subscribe(this::published, Delivery.onLoop("engine view"));
    }

    /**
     * The latest view; any thread. Off the loop thread, a call made before the engine has activated
     * its first groups waits for that (a daemon's parts are built before its loop runs), so no
     * reader takes the empty view of an engine not started yet for its state.
     */
    EngineView current() {
        if (!started.isDone() && !loop.inLoop()) {
            started.join();
        }
        return current;
    }

    /** The engine's first groups are active (or it ended before): readers and waiters go ahead. Loop thread. */
    void started() {
        if (started.complete(null)) {
            settle();
        }
    }

    /** See {@link steward.compat.api.ProcessControl#awaitView}; any thread. */
    CompletableFuture<EngineView> await(Predicate<EngineView> condition) {
        CompletableFuture<EngineView> f = new CompletableFuture<>();
        loop.execute(() -> {
            if (!started.isDone() || !settled(f, condition, current)) {
                awaiting.put(f, condition);
            }
        });
        return f;
    }

    /** Publishes a whole new view with the last serial: something changed that no event reports. */
    void refresh() {
        current = build(active());
        settle();
    }

    private void published(EngineEvent.Published p) {
        serial = p.serial();
        EngineView v = current;
        if (p.event() instanceof EngineEvent.ProcessStateChanged e) {
            current = withProcess(v, e.process());
        } else if (p.event() instanceof EngineEvent.GroupChanged g) {
            current = build(withGroup(v.groups(), g.group()));
        } else {
            current = build(v.groups());
        }
        settle();
    }

    /** {@code v} with the process {@code ref} read again (and its group); an unknown ref (a staged group's) changes nothing else. */
    private EngineView withProcess(EngineView v, ProcessRef ref) {
        List<GroupView> all = v.groups();
        int i = GroupView.indexOf(all, ref.group());
        if (i < 0) {
            return build(all);
        }
        GroupView g = all.get(i);
        List<GroupView> next = new ArrayList<>(all);
        next.set(i, groups.runner(ref).map(r -> replaced(g, r)).orElse(g));
        return build(next);
    }

    /**
     * {@code all} with the group {@code name} read again: added or replaced when it is active, gone
     * when not (the others' records shared, so activating 200 groups does not rebuild 200 each time).
     */
    private List<GroupView> withGroup(List<GroupView> all, String name) {
        GroupView fresh = groups.active(name).map(this::group).orElse(null);
        List<GroupView> next = new ArrayList<>(all.size() + 1);
        for (GroupView g : all) {
            int c = g.name().compareTo(name);
            if (c > 0 && fresh != null) {
                next.add(fresh);
                fresh = null;
            }
            if (c != 0) {
                next.add(g);
            }
        }
        if (fresh != null) {
            next.add(fresh);
        }
        return next;
    }

    private GroupView replaced(GroupView g, ProcessRunner r) {
        List<ProcessView> ps = new ArrayList<>(g.processes());
        for (int i = 0; i < ps.size(); i++) {
            if (ps.get(i).name().equals(r.ref().name())) {
                ps.set(i, process(r, nowSeconds()));
            }
        }
        return new GroupView(g.config(), ps);
    }

    private GroupView group(ProcessGroup g) {
        long now = nowSeconds();
        return new GroupView(g.config(), g.runners().stream().sorted(BY_NAME).map(r -> process(r, now)).toList());
    }

    private ProcessView process(ProcessRunner r, long now) {
        return new ProcessView(r.info(now), r.config());
    }

    /** Every active group read again, sorted by name. */
    private List<GroupView> active() {
        List<GroupView> all = new ArrayList<>();
        groups.all().forEach(g -> all.add(group(g)));
        all.sort(Comparator.comparing(GroupView::name));
        return all;
    }

    /** A view of {@code active} (sorted by name) and the daemon's state now. */
    private EngineView build(List<GroupView> active) {
        return new EngineView(serial, nowSeconds(), state.get(), identifier.get(), pid, log.path(),
                configs.configuredGroups(), active);
    }

    private long nowSeconds() {
        return loop.clock().millis() / 1000;
    }

    private void settle() {
        if (!started.isDone()) {
            return;
        }
        EngineView v = current;
        awaiting.entrySet().removeIf(e -> settled(e.getKey(), e.getValue(), v));
    }

    /** True when {@code f} is done (by the caller, or now by {@code v}); completed on a later loop turn. */
    private boolean settled(CompletableFuture<EngineView> f, Predicate<EngineView> condition, EngineView v) {
        if (f.isDone()) {
            return true;
        }
        try {
            if (!condition.test(v)) {
                return false;
            }
            loop.defer(() -> f.complete(v));
        } catch (RuntimeException e) {
            loop.defer(() -> f.completeExceptionally(e));
        }
        return true;
    }
}
