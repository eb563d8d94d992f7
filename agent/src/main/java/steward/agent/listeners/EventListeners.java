package steward.agent.listeners;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import steward.agent.engine.Engine;
import steward.compat.events.EventSource;
import steward.agent.engine.OutputHandler;
import steward.agent.engine.ProcessHooks;
import steward.agent.logs.DaemonLog;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.config.GroupConfig;
import steward.compat.config.GroupKind;
import steward.compat.config.ProcessConfig;
import steward.compat.events.EngineEvent;
import steward.compat.events.EventSubscriber;
import steward.compat.events.EventType;

/**
 * The {@code [eventlistener:x]} pools of a running daemon, and capture mode for every process: an
 * on-loop subscriber of the engine's events (each event goes to every pool that subscribed to its
 * type or a base type, then pools send what they can) and the output hooks that read listeners'
 * protocol channels and capture-mode tokens. Everything runs on the engine's loop thread.
 */
public final class EventListeners implements ProcessHooks, EventSubscriber {
    private final DaemonLog log;
    private Engine engine;
    private final PoolEvent.Serials serials = new PoolEvent.Serials();
    private final Map<String, ListenerPool> pools = new LinkedHashMap<>();

    /** Pools for the engine given to {@link #attach}. */
    public EventListeners(DaemonLog log) {
        this.log = log;
    }

    /**
     * Serves {@code engine}: groups and the envelopes' {@code server:} (its identifier) are read from
     * its view, capture mode publishes PROCESS_COMMUNICATION on its stream, and every event it
     * raises is heard on its loop. Call before {@code engine.start()}.
     */
    public void attach(Engine engine) {
        this.engine = engine;
        engine.subscribe(this, EventSource.Delivery.onLoop("event listeners"));
    }

    @Override
    public OutputHandler output(ProcessRef ref, ProcessConfig config, OutputHandler standard) {
        Optional<GroupConfig> group = engine.view().configuredGroup(ref.group());
        boolean listener = group.isPresent() && group.get().kind() instanceof GroupKind.EventListenerPool;
        boolean captureStdout = !listener && config.stdout().captureMaxbytes() > 0;
        boolean captureStderr = !config.redirectStderr() && config.stderr().captureMaxbytes() > 0;
        OutputHandler h = standard;
        if (captureStdout || captureStderr) {
            h = new CaptureOutput(ref, config, h, engine::publish, log, captureStdout, captureStderr);
        }
        if (listener) {
            ListenerPool pool = pools.get(ref.group());
            ListenerPool.Member member = pool == null ? null : pool.member(ref.name());
            if (member == null || member.attached) {
                // the group is activated again (a reload, an update): a new pool, as Supervisor makes
                pool = pool(group.get());
                pools.put(ref.group(), pool);
                member = pool.member(ref.name());
            }
            if (member != null) {
                member.attached = true;
                h = new ListenerOutput(pool, member, h);
            }
        }
        return h;
    }

    private ListenerPool pool(GroupConfig g) {
        GroupKind.EventListenerPool kind = (GroupKind.EventListenerPool) g.kind();
        List<EventType> types = new ArrayList<>();
        for (String name : kind.events()) {
            EventType.named(name).ifPresent(types::add);
        }
        List<String> names = g.processes().stream().map(ProcessConfig::name).toList();
        return new ListenerPool(g.name(), kind.bufferSize(), types, names, serials, () -> engine.view().identification(), log);
    }

    @Override
    public java.util.concurrent.CompletableFuture<Void> mayStop(ProcessRef ref) {
        ListenerPool pool = pools.get(ref.group());
        return pool == null || pool.member(ref.name()) == null ? java.util.concurrent.CompletableFuture.completedFuture(null)
                : pool.delivered();
    }

    @Override
    public void onEvent(EngineEvent.Published published) {
        EngineEvent e = published.event();
        if (e instanceof EngineEvent.GroupChanged g && !g.added()) {
            pools.remove(g.group());
        }
        if (e instanceof EngineEvent.ProcessStateChanged s) {
            ListenerPool pool = pools.get(s.process().group());
            ListenerPool.Member member = pool == null ? null : pool.member(s.process().name());
            if (member != null) {
                member.running = s.to() == ProcessState.RUNNING;
            }
        }
        if (pools.isEmpty()) {
            return;
        }
        if (e instanceof EngineEvent.ProcessLog l && l.stream() == EngineEvent.Stream.STDOUT
                && pools.containsKey(l.process().group()) && pools.get(l.process().group()).member(l.process().name()) != null) {
            return; // a listener's stdout is its protocol channel: Supervisor makes no PROCESS_LOG of it
        }
        PoolEvent event = new PoolEvent(e);
        List<ListenerPool> all = new ArrayList<>(pools.values());
        for (ListenerPool pool : all) {
            pool.offer(event);
        }
        for (ListenerPool pool : all) {
            pool.dispatch();
        }
    }
}
