package steward.agent.container;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How {@code steward run} was asked to run.
 *
 * @param healthPort the health endpoint's TCP port, if any (0 = any free port)
 * @param echo copy the agent's log lines to stdout (the container's console)
 * @param startupTimeout how long the programs started with the agent may take to become responsive
 */
public record RunSettings(Path home, Optional<Path> socket, Optional<Path> logDir, OptionalInt healthPort,
        String healthPath, boolean echo, Duration startupTimeout) {
    public static final Path DEFAULT_HOME = Path.of("/home/dotcloud");
    public static final String DEFAULT_HEALTH_PATH = "/health";
}
