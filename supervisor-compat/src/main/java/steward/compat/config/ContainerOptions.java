package steward.compat.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Steward's own {@code [program:x]} keys for container-first supervision (supervisord 4.2.5
 * ignores keys it does not know, so one conf runs on both).
 *
 * @param dependsOn {@code depends_on}: program or group names that must be ready before this one starts
 * @param ready {@code ready}: what ready means (empty: RUNNING after {@code startsecs})
 * @param readyTimeoutSecs {@code ready_timeout}: how long a started program may take to become ready
 * @param essential {@code essential}: its FATAL, or an exit without restart, stops everything
 * @param environmentFiles {@code environment_file}: dotenv files read at each start, absolute
 * @param sockets {@code sockets}: listening sockets the daemon holds and hands to each process (fds 3, 4, …)
 * @param drainSecs {@code drainsecs}: how long an old process of a socket program may finish its open
 *     connections after its stop signal at a restart or redeploy (SIGKILL after drainsecs + stopwaitsecs)
 */
public record ContainerOptions(List<String> dependsOn, Optional<ReadyCheck> ready, int readyTimeoutSecs,
        boolean essential, List<Path> environmentFiles, List<HeldSocket> sockets, int drainSecs) {
    public static final int DEFAULT_READY_TIMEOUT = 60;
    public static final int DEFAULT_DRAIN_SECS = 30;
    public static final ContainerOptions NONE = new ContainerOptions(List.of(), Optional.empty(),
            DEFAULT_READY_TIMEOUT, false, List.of(), List.of(), DEFAULT_DRAIN_SECS);

    public ContainerOptions {
        dependsOn = List.copyOf(dependsOn);
        environmentFiles = List.copyOf(environmentFiles);
        sockets = List.copyOf(sockets);
    }
}
