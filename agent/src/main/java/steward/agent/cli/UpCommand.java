package steward.agent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import steward.agent.up.ChildAgent;
import steward.agent.up.PortHolder;
import steward.agent.up.UpApp;
import steward.agent.up.UpOptions;
import steward.builder.BuildRequest;

/**
 * {@code steward up}: a new user's one command. Runs every service of DIR's dotcloud.yml, each
 * built like a push into its own home under the user's data directory with its own agent, the logs
 * streamed; says where each web service answers; Ctrl-C stops everything. Run again (from another
 * terminal) while it runs, and it redeploys what changed.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Build every service of DIR (holding dotcloud.yml) and run them here, logs streamed; Ctrl-C stops them.",
                "Run it again after an edit while the first one runs: the services whose tree changed are redeployed."})
public final class UpCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "DIR", defaultValue = ".", description = "the app (default: the current directory)")
    Path dir;

    @Option(names = "--service", description = "run this service only (with the app's data services)")
    String service;

    @Option(names = "--home", description = "the app's state directory, holding one home per service "
            + "(default: $XDG_DATA_HOME/steward/<DIR name>)")
    Path home;

    @Option(names = "--port", description = "the first web service's port (default: $PORT_WWW, else 8080)")
    Integer port;

    @Option(names = {"-d", "--detach"}, description = "run in the background once ready; `steward status` and "
            + "`steward down` then find it from DIR")
    boolean detach;

    @Override
    public Integer call() throws Exception {
        Path app = dir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(app.resolve("dotcloud.yml")) && !Files.isRegularFile(app.resolve("Procfile"))) {
            System.err.println("steward up: " + app + " has no dotcloud.yml (nor a Procfile)");
            return 2;
        }
        Path state = home != null ? home.toAbsolutePath().normalize() : defaultHome(app, System.getenv());
        if (detach) {
            return new UpDetach(app, state).run(service, port);
        }
        Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
        UpOptions options = new UpOptions(app, state, service, port == null ? OptionalInt.empty() : OptionalInt.of(port),
                System.getenv(), started, System.out, System.err, System.console() != null);
        UpApp up = new UpApp(options, UpCommand::deploy, PortHolder.system());
        return up.run(() -> onSignals(up::requestStop));
    }

    private static int deploy(steward.agent.up.Unit unit, Path tree, Map<String, String> wiring, java.io.PrintStream out)
            throws java.io.IOException {
        BuildRequest request = BuildRequest.of(tree).withService(unit.spec().name()).withEnvironment(wiring);
        return new DeployFlow(unit.home(), out, System.err, Optional.of(ChildAgent.logDir(unit.home()))).deploy(request, 60);
    }

    /** SIGINT (reset to its default first: a background job starts with it ignored), SIGTERM, SIGHUP. */
    @SuppressWarnings("removal")
    static void onSignals(Runnable stop) {
        try {
            steward.agent.os.LibC.signal(steward.compat.config.Signals.INT, com.sun.jna.Pointer.NULL);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // keep what the JVM has
        }
        for (String name : new String[] {"INT", "TERM", "HUP"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> stop.run());
            } catch (IllegalArgumentException e) {
                // not available here
            }
        }
    }

    /** See {@link AppLookup#defaultHome}. */
    static Path defaultHome(Path app, Map<String, String> env) {
        return AppLookup.defaultHome(app, env);
    }
}
