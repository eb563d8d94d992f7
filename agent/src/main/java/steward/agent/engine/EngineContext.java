package steward.agent.engine;

import java.nio.ByteBuffer;
import java.util.Map;
import steward.agent.logs.DaemonLog;
import steward.agent.events.EventBus;
import steward.agent.os.Clock;
import steward.agent.os.EventLoop;

/**
 * What every {@link ProcessRunner} shares: the loop and its clock, the daemon log, the event bus,
 * the hooks, the watchdog,
 * one read buffer, and the daemon-wide settings that shape a child's environment.
 *
 * @param daemonEnv the daemon's environment plus [supervisord] environment (children start from it)
 * @param serverUrl SUPERVISOR_SERVER_URL for children, or null
 */
record EngineContext(
        EventLoop loop,
        DaemonLog log,
        EventBus events,
        ProcessHooks hooks,
        Clock clock,
        GroupWatchdog watchdog,
        ByteBuffer readBuffer,
        Map<String, String> daemonEnv,
        String serverUrl,
        java.util.function.BooleanSupplier shuttingDown) {
}
