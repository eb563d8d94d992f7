package steward.agent.engine;

import java.util.Map;
import steward.agent.logs.DaemonLog;
import steward.agent.events.EventBus;
import steward.agent.os.Scheduler;

/**
 * What every {@link ProcessRunner} shares: the loop's timers and clock, the way children are
 * spawned, the daemon log, the event bus, the hooks, the watchdog, the daemon-wide settings
 * that shape a child's environment, and the old children of socket programs still draining.
 *
 * @param daemonEnv the daemon's environment plus [supervisord] environment (children start from it)
 * @param serverUrl SUPERVISOR_SERVER_URL for children, or null
 */
record EngineContext(
        Scheduler scheduler,
        Spawner spawner,
        DaemonLog log,
        EventBus events,
        ProcessHooks hooks,
        GroupWatchdog watchdog,
        Map<String, String> daemonEnv,
        String serverUrl,
        java.util.function.BooleanSupplier shuttingDown,
        Drainers drainers) {
}
