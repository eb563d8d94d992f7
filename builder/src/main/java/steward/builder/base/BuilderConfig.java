package steward.builder.base;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how the builder works.
 *
 * @param home the home ({@code /home/dotcloud} by default): releases, {@code code}, {@code current}, env files
 * @param logDir where programs without their own log settings write {@code <name>.log}/{@code <name>_error.log}
 * @param nodesDir optional directory of {@code <version>/bin/node} installs, searched besides PATH
 * @param keepReleases how many releases to keep (the active one is never pruned)
 * @param buildTimeout the cap on each build hook and on npm (dotCloud: 15 min)
 * @param postinstallTimeout the cap on postinstall (dotCloud: 10 min)
 * @param publicHost the host name put in {@code DOTCLOUD_<SVC>_<PORT>_HOST}/{@code _URL}
 * @param baseEnvironment the environment hooks start from (normally the agent's own)
 */
public record BuilderConfig(Path home, Path logDir, Optional<Path> nodesDir, int keepReleases, Duration buildTimeout,
        Duration postinstallTimeout, String publicHost, Map<String, String> baseEnvironment) {
    public static final Path DEFAULT_HOME = Path.of("/home/dotcloud");

    public BuilderConfig {
        home = home.toAbsolutePath().normalize();
        logDir = logDir.toAbsolutePath().normalize();
        Objects.requireNonNull(nodesDir, "nodesDir");
        if (keepReleases < 1) {
            throw new IllegalArgumentException("keepReleases must be at least 1: " + keepReleases);
        }
        Objects.requireNonNull(publicHost, "publicHost");
        baseEnvironment = Map.copyOf(baseEnvironment);
    }

    /** dotCloud's defaults: keep 3, 15-min builds, 10-min postinstall; logs in {@code HOME/.steward/log}. */
    public static BuilderConfig defaults(Path home) {
        Path h = home.toAbsolutePath().normalize();
        return new BuilderConfig(h, h.resolve(".steward").resolve("log"), Optional.empty(), 3, Duration.ofMinutes(15),
                Duration.ofMinutes(10), "localhost", System.getenv());
    }

    public BuilderConfig withLogDir(Path dir) {
        return new BuilderConfig(home, dir, nodesDir, keepReleases, buildTimeout, postinstallTimeout, publicHost, baseEnvironment);
    }

    public BuilderConfig withTimeouts(Duration build, Duration postinstall) {
        return new BuilderConfig(home, logDir, nodesDir, keepReleases, build, postinstall, publicHost, baseEnvironment);
    }

    public BuilderConfig withBaseEnvironment(Map<String, String> env) {
        return new BuilderConfig(home, logDir, nodesDir, keepReleases, buildTimeout, postinstallTimeout, publicHost, env);
    }
}
