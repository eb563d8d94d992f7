package steward.agent.supervision;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import steward.agent.engine.Engine;
import steward.agent.engine.ProcessHooks;
import steward.agent.engine.Staging;
import steward.agent.logs.DaemonLog;
import steward.compat.api.EngineView;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.api.ProcessView;
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
 * order by dependencies is the engine's own. Which processes exist, their configuration and their
 * states are read from the engine's view when needed (a staged group's process has its active
 * group's configuration); nothing here keeps a copy of them. Create it, pass it in
 * {@code Engine.Options}, then {@link #attach} the engine.
 */
public final class Supervision implements ProcessHooks {
    private final DaemonLog log;
    /** The last "not starting ... yet" reason logged per process, so each is said once. */
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
                EventType.PROCESS_GROUP, EventType.SUPERVISOR_STATE_CHANGE_STOPPING);
        engine.terminated().thenRun(() -> engine.loop().execute(ready::close));
    }

    /** The exit status an essential program decided, if one did. */
    public OptionalInt exitCode() {
        return essentials == null ? OptionalInt.empty() : essentials.exitCode();
    }

    /** The configuration of {@code ref} in {@code view}: an active process's, or a staged one's from its active group's name. */
    private static Optional<ProcessConfig> config(EngineView view, ProcessRef ref) {
        Optional<ProcessConfig> active = view.process(ref).map(ProcessView::config);
        if (active.isPresent()) {
            return active;
        }
        return Staging.activeNameOf(ref.group()).flatMap(view::configuredGroup)
                .flatMap(g -> g.processes().stream().filter(p -> p.name().equals(ref.name())).findFirst());
    }

    @Override
    public boolean mayStart(ProcessRef ref) {
        EngineView view = engine.view();
        return config(view, ref).map(c -> Dependencies.blocker(c, view).isEmpty()).orElse(true);
    }

    @Override
    public String heldBecause(ProcessRef ref) {
        EngineView view = engine.view();
        String why = config(view, ref).map(c -> Dependencies.blocker(c, view)).orElse("");
        if (!why.isEmpty() && !why.equals(announced.put(ref, why))) {
            log.info("not starting " + ref.name() + " yet: " + why);
        }
        return why;
    }

    @Override
    public boolean mayRun(ProcessRef ref) {
        return config(engine.view(), ref).map(c -> ready.ready(ref, c)).orElse(true);
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
            if (g.added() && reloading) {
                // the groups of the reloaded configuration are being activated: forget the old set
                reloading = false;
                ready.forgetAll();
                announced.clear();
            } else if (!g.added()) {
                announced.keySet().removeIf(ref -> ref.group().equals(g.group()));
                ready.forgetGroup(g.group());
            }
            return;
        }
        if (!(p.event() instanceof EngineEvent.ProcessStateChanged e)) {
            return;
        }
        ProcessConfig config = config(engine.view(), e.process()).orElse(null);
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
