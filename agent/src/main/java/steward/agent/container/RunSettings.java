package steward.agent.container;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import steward.agent.logs.LogRecordFormat;

/**
 * How {@code steward run} was asked to run.
 *
 * @param healthPort the health endpoint's TCP port, if any (0 = any free port)
 * @param echo copy the agent's log lines to stdout (the container's console)
 * @param startupTimeout how long the programs started with the agent may take to become responsive
 * @param logStdout {@code --log-stdout}: mirror every program's, cron's and the agent's lines to stdout in this format
 * @param healthMetrics {@code --metrics}: serve the Prometheus page on the health port too (it names the programs,
 *     which the health endpoint itself never does, and that port has no authentication)
 * @param drainDelay {@code --drain-delay}: how long, after SIGTERM/SIGINT, readiness answers 503 while the
 *     programs keep serving, before they are stopped (see {@link DrainDelay})
 */
public record RunSettings(Path home, Optional<Path> socket, Optional<Path> logDir, OptionalInt healthPort,
        String healthPath, boolean echo, Duration startupTimeout, Optional<LogRecordFormat> logStdout,
        boolean healthMetrics, Duration drainDelay) {
    public static final Path DEFAULT_HOME = Path.of("/home/dotcloud");
    public static final String DEFAULT_HEALTH_PATH = "/health";
    /**
     * 5 s: after a pod turns Terminating, the endpoints controller drops it from the Service's
     * EndpointSlice and every node's kube-proxy (iptables/IPVS) and every ingress controller (nginx
     * reloads its upstreams, Envoy gets an EDS push) must apply that before they stop sending it new
     * connections. That is a matter of seconds, and nothing orders it before the SIGTERM
     * (kubernetes#67592, the reason for the folklore {@code preStop: sleep 5}); Nomad's
     * {@code shutdown_delay} is the same idea. Longer only delays every stop; 0 turns it off.
     */
    public static final Duration DEFAULT_DRAIN_DELAY = Duration.ofSeconds(5);

    public RunSettings {
        if (drainDelay.isNegative()) {
            throw new IllegalArgumentException("--drain-delay must not be negative: " + drainDelay.toSeconds());
        }
    }

    /** For {@code steward up} (a developer's Ctrl-C: no router to wait for, no drain delay). */
    public RunSettings(Path home, Optional<Path> socket, Optional<Path> logDir, OptionalInt healthPort,
            String healthPath, boolean echo, Duration startupTimeout) {
        this(home, socket, logDir, healthPort, healthPath, echo, startupTimeout, Optional.empty(), false, Duration.ZERO);
    }
}
