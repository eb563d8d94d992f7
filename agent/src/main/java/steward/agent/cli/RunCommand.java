package steward.agent.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import steward.agent.container.ContainerAgent;
import steward.agent.container.RunSettings;
import steward.agent.deploy.ReleaseListener;

/** {@code steward run}: the service container's long-lived agent. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the release in HOME/current as a service container's agent (PID 1 ready): programs, "
                + "control socket, redeploys, health endpoint.",
                "Stops everything on SIGTERM/SIGINT within the programs' stop grace times."})
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--home", description = "the service home (default: ${DEFAULT-VALUE})", defaultValue = "/home/dotcloud")
    Path home;

    @Option(names = "--socket", description = "control socket (default /var/run/supervisor.sock, else HOME/run/supervisor.sock)")
    Path socket;

    @Option(names = "--log-dir", description = "log directory (default /var/log/supervisor, else HOME/.steward/log)")
    Path logDir;

    @Option(names = "--health-port", description = "serve a health endpoint on this TCP port")
    Integer healthPort;

    @Option(names = "--health-path", description = "the health endpoint's path (default: ${DEFAULT-VALUE}); "
            + "/CloudHealthCheck always answers too", defaultValue = RunSettings.DEFAULT_HEALTH_PATH)
    String healthPath;

    @Option(names = "--quiet", description = "do not copy the agent's log to stdout")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        return new ContainerAgent(settings(), ReleaseListener.NONE).run();
    }

    RunSettings settings() {
        return new RunSettings(home, Optional.ofNullable(socket), Optional.ofNullable(logDir),
                healthPort == null ? OptionalInt.empty() : OptionalInt.of(healthPort), healthPath, !quiet,
                Duration.ofMinutes(10));
    }
}
