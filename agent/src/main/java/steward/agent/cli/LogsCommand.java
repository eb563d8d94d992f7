package steward.agent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import steward.agent.container.AgentInfo;
import steward.agent.container.AgentLayout;
import steward.agent.container.LogPrinter;
import steward.agent.container.LogTail;
import steward.agent.logs.LogRecordFormat;
import steward.agent.up.AppState;
import steward.agent.up.ChildAgent;

/** {@code steward logs}: what {@code dotcloud logs www} showed. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Show the last lines of the agent's and the programs' logs (stdout and stderr), each line "
                + "prefixed with its source; -f follows them across rotation.")
public final class LogsCommand implements Callable<Integer> {
    static final class Where {
        @Option(names = "--home", description = "the service home whose agent's logs to show (default /home/dotcloud)")
        Path home;

        @Option(names = "--log-dir", description = "the log directory itself")
        Path logDir;

        @Option(names = "--app", description = "the app `steward up` runs from DIR: every service's logs "
                + "(the default in a directory holding dotcloud.yml that up has run)")
        Path app;
    }

    @ArgGroup(exclusive = true)
    Where where;

    @Option(names = {"-f", "--follow"}, description = "keep printing new lines until interrupted")
    boolean follow;

    @Option(names = {"-n", "--lines"}, description = "lines to show from each log first (default: ${DEFAULT-VALUE})",
            defaultValue = "10")
    int lines;

    @Option(names = "--json", description = "one JSON object per line: {\"ts\",\"source\",\"stream\",\"line\"} "
            + "(ts: when the line was read), the shape of `steward run --log-stdout --log-format json`")
    boolean json;

    @Parameters(arity = "0..*", paramLabel = "PROGRAM", description = "only these programs' logs")
    List<String> programs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Map<String, Path> dirs = logDirs();
        if (dirs.isEmpty()) {
            return 1;
        }
        BiConsumer<String, String> sink = json ? jsonPrinter(Clock.systemUTC()) : new LogPrinter(System.out, System.console() != null);
        List<LogTail> tails = new ArrayList<>();
        for (Map.Entry<String, Path> d : dirs.entrySet()) {
            if (!Files.isDirectory(d.getValue())) {
                System.err.println("steward logs: no log directory " + d.getValue()
                        + " (check --home/--log-dir, or run `steward up` for the app first)");
                return 1;
            }
            String label = d.getKey();
            tails.add(new LogTail(d.getValue(), Set.copyOf(programs),
                    label.isEmpty() ? sink : (source, line) -> sink.accept(label + "/" + source, line)));
        }
        for (String p : programs) {
            if (dirs.values().stream().noneMatch(d -> Files.exists(d.resolve(p + ".log")) || Files.exists(d.resolve(p + "_error.log")))) {
                System.err.println("steward logs: no program " + p + " has logs in " + dirs.values());
                return 1;
            }
        }
        for (LogTail t : tails) {
            t.start(lines);
        }
        while (follow && !Thread.currentThread().isInterrupted()) {
            for (LogTail t : tails) {
                t.poll();
            }
            Thread.sleep(100);
        }
        return 0;
    }

    /** Label (empty: one directory, no service prefix) to log directory; empty after an error was printed. */
    private Map<String, Path> logDirs() {
        Map<String, Path> dirs = new LinkedHashMap<>();
        if (where != null && where.logDir != null) {
            dirs.put("", where.logDir);
            return dirs;
        }
        if (where == null || where.home == null) {
            Optional<Path> state = AppLookup.state(where == null ? null : where.app);
            if (state.isPresent()) {
                List<AppState.Entry> units = AppState.read(state.get()).map(AppState::units)
                        .orElseGet(() -> homesUnder(state.get()));
                if (units.isEmpty()) {
                    System.err.println("steward logs: `steward up` has not run this app (nothing in " + state.get() + ")");
                    return dirs;
                }
                units.forEach(u -> dirs.put(units.size() == 1 ? "" : u.label(), ChildAgent.logDir(u.home())));
                return dirs;
            }
        }
        Path home = where != null && where.home != null ? where.home : Path.of("/home/dotcloud");
        if (!Files.isDirectory(home)) {
            System.err.println("steward logs: no home " + home + " (give --home, --log-dir or --app, or run it in an app's directory)");
            return dirs;
        }
        dirs.put("", AgentInfo.read(home).map(AgentInfo::logDir).orElseGet(() -> AgentLayout.defaultLogDir(home, new ArrayList<>())));
        return dirs;
    }

    private static List<AppState.Entry> homesUnder(Path state) {
        try (var s = Files.list(state)) {
            return s.filter(d -> Files.isDirectory(ChildAgent.logDir(d))).sorted()
                    .map(d -> new AppState.Entry(d.getFileName().toString(), 0, d)).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static BiConsumer<String, String> jsonPrinter(Clock clock) {
        return (label, line) -> {
            String[] ss = LogRecordFormat.sourceAndStream(label);
            System.out.print(LogTail.STAMPED.contains(label) ? LogRecordFormat.JSON.formatStamped(clock.instant(), ss[0], ss[1], line)
                    : LogRecordFormat.JSON.format(clock.instant(), ss[0], ss[1], line));
            System.out.flush();
        };
    }

}
