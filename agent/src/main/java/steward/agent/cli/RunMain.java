package steward.agent.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import steward.agent.container.ContainerAgent;
import steward.agent.container.RunSettings;
import steward.agent.deploy.ReleaseListener;
import steward.agent.logs.LogRecordFormat;
import steward.compat.cli.CommandDoc;
import steward.compat.cli.Getopt;
import steward.compat.cli.Opt;

/**
 * {@code steward run}: the service container's long-lived agent. Parsed getopt-style, like
 * {@code supervisord}, so the agent every container pays for never loads picocli.
 */
public final class RunMain {
    /** The agent's options: the parser's and every help's one definition. */
    public static final CommandDoc DOC = new CommandDoc("run",
            "run the release in HOME/current as a service container's agent (PID 1 ready): "
                    + "programs, control socket, redeploys, health endpoint.",
            "[options]", List.of(
            Opt.value((char) 0, "home", "DIR", "the service home (default: /home/dotcloud)"),
            Opt.value((char) 0, "socket", "PATH", "control socket (default /var/run/supervisor.sock, else HOME/run/supervisor.sock)"),
            Opt.value((char) 0, "log-dir", "DIR", "log directory (default /var/log/supervisor, else HOME/.steward/log)"),
            Opt.value((char) 0, "health-port", "N", "serve the health probes on this TCP port: readiness (--health-path and\n"
                    + "/CloudHealthCheck), liveness (/livez), startup (/startupz)"),
            Opt.value((char) 0, "health-path", "P", "the health endpoint's path (default: " + RunSettings.DEFAULT_HEALTH_PATH
                    + "); /CloudHealthCheck always answers too"),
            Opt.value((char) 0, "drain-delay", "S", "seconds to keep serving after SIGTERM/SIGINT while routers remove this\n"
                    + "instance (default " + RunSettings.DEFAULT_DRAIN_DELAY.toSeconds() + "; 0: stop at once)"),
            Opt.flag((char) 0, "metrics", "also serve /metrics (Prometheus) on the health port: it names the programs\n"
                    + "and that port has no authentication (the control socket always serves it)"),
            Opt.flag((char) 0, "quiet", "do not copy the agent's log to stdout"),
            Opt.flag((char) 0, "log-stdout", "copy every program's output, cron's and the agent's lines to stdout, one\n"
                    + "line per record prefixed with its source (never blocks the programs)"),
            Opt.value((char) 0, "log-format", "F", "text (SOURCE | line, default) or json ({\"ts\",\"source\",\"stream\",\"line\"})"),
            Opt.flag('h', "help", "show this help and exit")),
            Optional.empty(), List.of(
                    "On SIGTERM/SIGINT readiness answers 503 at once, the programs keep serving for the drain delay, then",
                    "stop in order within their stop grace times (a second SIGTERM/SIGINT ends the delay); the exit",
                    "status is 0 after a clean stop."));
    private static final Getopt OPTIONS = DOC.getopt();

    private RunMain() {
    }

    private static Optional<LogRecordFormat> logStdout(Getopt.Parsed p) throws Getopt.BadOption {
        Optional<String> format = p.value("log-format");
        if (format.isPresent() && !p.has("log-stdout")) {
            throw new Getopt.BadOption("--log-format needs --log-stdout");
        }
        return p.has("log-stdout") ? Optional.of(LogRecordFormat.named(format.orElse("text"))) : Optional.empty();
    }

    private static Duration drainDelay(Getopt.Parsed p) throws Getopt.BadOption {
        Optional<String> v = p.value("drain-delay");
        if (v.isEmpty()) {
            return RunSettings.DEFAULT_DRAIN_DELAY;
        }
        try {
            long s = Long.parseLong(v.get().trim());
            if (s >= 0) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Getopt.BadOption("--drain-delay: not a whole number of seconds >= 0: " + v.get());
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        RunSettings settings;
        try {
            Getopt.Parsed p = OPTIONS.parse(args);
            if (p.has("help")) {
                out.print(DOC.usage());
                return 0;
            }
            if (!p.operands().isEmpty()) {
                throw new Getopt.BadOption("unexpected arguments: " + p.operands());
            }
            settings = new RunSettings(Path.of(p.value("home").orElse("/home/dotcloud")),
                    p.value("socket").map(Path::of), p.value("log-dir").map(Path::of),
                    p.value("health-port").map(v -> OptionalInt.of(Integer.parseInt(v))).orElse(OptionalInt.empty()),
                    p.value("health-path").orElse(RunSettings.DEFAULT_HEALTH_PATH), !p.has("quiet"),
                    Duration.ofMinutes(10), logStdout(p), p.has("metrics"), drainDelay(p));
            if (settings.healthMetrics() && settings.healthPort().isEmpty()) {
                throw new Getopt.BadOption("--metrics needs --health-port");
            }
        } catch (Getopt.BadOption | IllegalArgumentException e) {
            err.println("steward run: " + e.getMessage());
            err.println("For help, use steward run -h");
            return 2;
        }
        return new ContainerAgent(settings, ReleaseListener.NONE).run();
    }
}
