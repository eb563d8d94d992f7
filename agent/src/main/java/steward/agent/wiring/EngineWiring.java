package steward.agent.wiring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import steward.agent.engine.ConfigLoader;
import steward.agent.engine.Engine;
import steward.agent.engine.ProcessHooks;
import steward.agent.fcgi.FcgiSockets;
import steward.agent.listeners.EventListeners;
import steward.agent.logs.DaemonLog;
import steward.agent.metrics.ProcessCounters;
import steward.agent.os.Clock;
import steward.agent.sockets.HeldSockets;
import steward.agent.supervision.Supervision;
import steward.compat.config.SupervisordConf;

/**
 * The composition root of both modes: the one place where an engine gets the parts every mode runs ({@code steward supervisord} and
 * {@code steward run} alike, so they cannot drift): {@code depends_on}/{@code ready=}/{@code essential}
 * ({@link Supervision}), the {@code [eventlistener:x]} pools and capture mode ({@link EventListeners})
 * the {@code [fcgi-program:x]} sockets ({@link FcgiSockets}) and the {@code [program:x] sockets=} held
 * across restarts ({@link HeldSockets}), as engine hooks and on-loop
 * subscribers. Listener pools and sockets follow the groups the engine activates and removes, so a
 * reload, {@code update} or redeploy rebuilds them as Supervisor does.
 */
public final class EngineWiring {
    /**
     * The built engine, the supervision part whose exit code the caller returns, the held sockets
     * of {@code sockets=} (whose {@code serving(pid)} says a process is ready to serve them), and the
     * process counters the metrics report.
     */
    public record Wired(Engine engine, Supervision supervision, HeldSockets heldSockets, ProcessCounters counters) {
    }

    private EngineWiring() {
    }

    /**
     * @param serverUrl the control server's URL for {@code SUPERVISOR_SERVER_URL}, or null
     * @param extra the caller's own hooks, innermost (they see exactly what reaches the log files)
     */
    public static Wired build(SupervisordConf conf, ConfigLoader loader, DaemonLog log, String serverUrl,
            List<ProcessHooks> extra) throws Exception {
        EventListeners listeners = new EventListeners(log);
        FcgiSockets sockets = new FcgiSockets(log);
        Supervision supervision = new Supervision(log);
        HeldSockets held = new HeldSockets(log, Path.of(System.getProperty("java.io.tmpdir")));
        List<ProcessHooks> hooks = new ArrayList<>(extra);
        hooks.addAll(List.of(supervision, listeners, sockets, held));
        Engine engine = new Engine(conf, loader, log, new Engine.Options(serverUrl, true, ProcessHooks.all(hooks),
                Clock.SYSTEM));
        supervision.attach(engine);
        held.attach(engine);
        held.onReady(supervision::notified);
        listeners.attach(engine);
        sockets.attach(engine);
        return new Wired(engine, supervision, held, new ProcessCounters().subscribeTo(engine));
    }
}
