package steward.agent.supervision;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import steward.agent.engine.Engine;
import steward.agent.engine.OutputHandler;
import steward.agent.engine.ProcessHooks;
import steward.agent.logs.DaemonLog;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.api.SupervisorState;
import steward.compat.config.ProcessConfig;
import steward.compat.events.EngineEvent;
import steward.compat.events.EventSource;
import steward.compat.events.EventType;

/**
 * Steward's container-first keys at run time, as engine hooks plus an on-loop subscriber of its
 * events: {@code depends_on} (start gate; RUNNING dependencies release it, a FATAL one is named
 * in the waiting process' spawnerr), {@code ready=} (a STARTING process enters RUNNING only once its
 * check passes; see {@link ReadyChecks}) and {@code essential} (see {@link Essentials}). Shutdown
 * order by dependencies is the engine's own. Create it, pass it in {@code Engine.Options}, then
 * {@link #attach} the engine.
 */
public final class Supervision implements ProcessHooks {
    private final DaemonLog log;
    private final Map<ProcessRef, ProcessConfig> active = new ConcurrentHashMap<>();
    private final Map<ProcessRef, ProcessState> states = new HashMap<>();
    private final Map<ProcessRef, String> announced = new HashMap<>();
    private Engine engine;
    private ReadyChecks ready;
    private Essentials essentials;
    /** A reload is stopping everything: the next group activated starts a new set. */
    private boolean reloading;

    public Supervision(DaemonLog log) {
        this.log = log;
    }

    /** Starts hearing {@code engine}'s events; call before {@code engine.start()}. */
    public void attach(Engine engine) {
        this.engine = engine;
        this.ready = new ReadyChecks(engine, log);
        this.essentials = new Essentials(engine, log);
        engine.subscribe(this::onEvent, EventSource.Delivery.onLoop("supervision"), EventType.PROCESS_STATE,
                EventType.PROCESS_GROUP_REMOVED, EventType.SUPERVISOR_STATE_CHANGE_STOPPING);
        engine.terminated().thenRun(() -> engine.loop().execute(ready::close));
    }

    /** The exit status an essential program decided, if one did. */
    public OptionalInt exitCode() {
        return essentials == null ? OptionalInt.empty() : essentials.exitCode();
    }

    @Override
    public OutputHandler output(ProcessRef ref, ProcessConfig config, OutputHandler standard) {
        if (reloading) {
            // the groups of the reloaded configuration are being created: forget the old set
            reloading = false;
            active.keySet().forEach(ready::removed);
            active.clear();
            states.clear();
            announced.clear();
        }
        active.put(ref, config);
        return standard;
    }

    @Override
    public boolean mayStart(ProcessRef ref) {
        ProcessConfig c = active.get(ref);
        return c == null || Dependencies.blocker(c, active, states, engine.configuredGroups()).isEmpty();
    }

    @Override
    public String heldBecause(ProcessRef ref) {
        ProcessConfig c = active.get(ref);
        String why = c == null ? "" : Dependencies.blocker(c, active, states, engine.configuredGroups());
        if (!why.isEmpty() && !why.equals(announced.put(ref, why))) {
            log.info("not starting " + ref.name() + " yet: " + why);
        }
        return why;
    }

    @Override
    public boolean mayRun(ProcessRef ref) {
        ProcessConfig c = active.get(ref);
        return c == null || ready.ready(ref, c);
    }

    @Override
    public Map<String, String> environment(ProcessRef ref, ProcessConfig config) {
        return ready.environment(ref, config);
    }

    /**
     * {@code READY=1} that a process said on its notify pipe ({@code STEWARD_NOTIFY_FD}): for a
     * {@code ready=notify} program it counts as on NOTIFY_SOCKET. Loop thread.
     */
    public void notified(ProcessRef ref) {
        ready.notified(ref);
    }

    @Override
    public String statusText(ProcessRef ref) {
        return ready.status(ref);
    }

    private void onEvent(EngineEvent.Published p) {
        if (p.event() instanceof EngineEvent.SupervisorStateChanged s) {
            reloading = s.state() == SupervisorState.RESTARTING;
            return;
        }
        if (p.event() instanceof EngineEvent.GroupChanged g) {
            active.keySet().removeIf(ref -> {
                if (ref.group().equals(g.group())) {
                    states.remove(ref);
                    announced.remove(ref);
                    ready.removed(ref);
                    return true;
                }
                return false;
            });
            return;
        }
        if (!(p.event() instanceof EngineEvent.ProcessStateChanged e)) {
            return;
        }
        states.put(e.process(), e.to());
        ProcessConfig config = active.get(e.process());
        if (config == null) {
            return;
        }
        if (e.to() == ProcessState.STARTING) {
            announced.remove(e.process());
        }
        ready.stateChanged(e.process(), config, e.to());
        essentials.stateChanged(e, config);
        if (e.to() == ProcessState.RUNNING || e.to() == ProcessState.FATAL) {
            engine.retryGated();
        }
    }
}
