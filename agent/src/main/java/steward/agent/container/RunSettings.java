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
 */
public record RunSettings(Path home, Optional<Path> socket, Optional<Path> logDir, OptionalInt healthPort,
        String healthPath, boolean echo, Duration startupTimeout, Optional<LogRecordFormat> logStdout,
        boolean healthMetrics) {
    public static final Path DEFAULT_HOME = Path.of("/home/dotcloud");
    public static final String DEFAULT_HEALTH_PATH = "/health";

    public RunSettings(Path home, Optional<Path> socket, Optional<Path> logDir, OptionalInt healthPort,
            String healthPath, boolean echo, Duration startupTimeout) {
        this(home, socket, logDir, healthPort, healthPath, echo, startupTimeout, Optional.empty(), false);
    }
}
