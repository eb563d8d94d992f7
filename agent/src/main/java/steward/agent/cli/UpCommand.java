package steward.agent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import steward.agent.container.ContainerAgent;
import steward.agent.container.LogPrinter;
import steward.agent.container.LogTail;
import steward.agent.container.RunSettings;
import steward.compat.ctl.CtlClient;
import steward.compat.ctl.ServerFault;
import steward.agent.deploy.ReleaseListener;
import steward.agent.container.RunningAgent;
import steward.builder.BuildRequest;

/**
 * {@code steward up}: a new user's one command. Builds DIR like a push into a private home under
 * the user's data directory, runs the agent in the foreground with the logs streamed, says where
 * the app answers; Ctrl-C stops everything. Run again (from another terminal) while it runs, and
 * it redeploys.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Build DIR (holding dotcloud.yml) and run it here in the foreground, logs streamed; Ctrl-C stops it.",
                "Run it again after an edit while the first one runs: that is a redeploy."})
public final class UpCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "DIR", defaultValue = ".", description = "the app (default: the current directory)")
    Path dir;

    @Option(names = "--service", description = "the service to run (default: the only code service)")
    String service;

    @Option(names = "--home", description = "the private home (default: $XDG_DATA_HOME/steward/<DIR name>)")
    Path home;

    @Override
    public Integer call() throws Exception {
        Path app = dir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(app.resolve("dotcloud.yml"))) {
            System.err.println("steward up: " + app + " has no dotcloud.yml");
            return 2;
        }
        Path h = home != null ? home.toAbsolutePath().normalize() : defaultHome(app, System.getenv());
        Path logDir = h.resolve("log");
        Path socket = h.resolve("run").resolve("supervisor.sock");
        long t0 = System.nanoTime();
        BuildRequest request = BuildRequest.of(app);
        if (service != null) {
            request = request.withService(service);
        }
        Optional<RunningAgent> running = RunningAgent.find(h);
        if (running.isPresent()) {
            System.out.println("steward up is already running " + app + " (pid " + running.get().info().pid()
                    + "); redeploying to it");
            return new DeployFlow(h, System.out, System.err, Optional.of(logDir)).deploy(request, 60);
        }
        int built = new DeployFlow(h, System.out, System.err, Optional.of(logDir)).deploy(request, 60);
        if (built != 0) {
            return built;
        }
        LogTail logs = new LogTail(logDir, Set.of(), new LogPrinter(System.out, System.console() != null));
        logs.start(0);
        Thread tail = startTail(logs);
        Thread announcer = startAnnouncer(socket, t0);
        int code = new ContainerAgent(new RunSettings(h, Optional.of(socket), Optional.of(logDir), OptionalInt.empty(),
                RunSettings.DEFAULT_HEALTH_PATH, false, Duration.ofMinutes(10)), ReleaseListener.NONE).run();
        announcer.interrupt();
        tail.interrupt();
        tail.join(5000);
        if (!tail.isAlive()) {
            logs.poll(); // the shutdown lines ("waiting for node to die", "stopped: node …") written since the last look
        }
        return code;
    }

    /** {@code $XDG_DATA_HOME/steward/<name>}, else {@code ~/.local/share/steward/<name>}. */
    static Path defaultHome(Path app, Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        Path data = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home")).resolve(".local").resolve("share");
        Path name = app.getFileName();
        String n = name == null ? "app" : name.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "_");
        return data.resolve("steward").resolve(n);
    }

    private static Thread startTail(LogTail tail) {
        Thread t = new Thread(() -> {
            try {
                tail.follow(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.err.println("steward up: log tail stopped: " + e);
            }
        }, "steward-up-logs");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits for the agent to say it is ready, then prints where the app answers and how to reach the agent. */
    private static Thread startAnnouncer(Path socket, long t0) {
        Thread t = new Thread(() -> {
            CtlClient client = new CtlClient("unix://" + socket, null, null);
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        Map<?, ?> r = (Map<?, ?>) client.call("steward.readiness");
                        if (Boolean.TRUE.equals(r.get("ready"))) {
                            int port = (Integer) r.get("webPort");
                            System.out.println("==> Ready in " + (System.nanoTime() - t0) / 1_000_000 + " ms"
                                    + (port > 0 ? ": http://localhost:" + port : ""));
                            System.out.println("==> supervisorctl -s unix://" + socket + " status");
                            System.out.println("==> Ctrl-C stops everything; run `steward up` again to redeploy");
                            return;
                        }
                    } catch (java.io.IOException | ServerFault e) {
                        // not listening yet
                    }
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "steward-up-ready");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
