package steward.agent.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
        Path dir = logDir();
        LogTail tail = new LogTail(dir, Set.copyOf(programs), json ? jsonPrinter(Clock.systemUTC())
                : new LogPrinter(System.out, System.console() != null));
        tail.start(lines);
        if (follow) {
            tail.follow(100);
        }
        return 0;
    }

    private static BiConsumer<String, String> jsonPrinter(Clock clock) {
        return (label, line) -> {
            String[] ss = LogRecordFormat.sourceAndStream(label);
            System.out.print(LogTail.STAMPED.contains(label) ? LogRecordFormat.JSON.formatStamped(clock.instant(), ss[0], ss[1], line)
                    : LogRecordFormat.JSON.format(clock.instant(), ss[0], ss[1], line));
            System.out.flush();
        };
    }

    private Path logDir() {
        if (where != null && where.logDir != null) {
            return where.logDir;
        }
        Path home = where != null && where.home != null ? where.home : Path.of("/home/dotcloud");
        return AgentInfo.read(home).map(AgentInfo::logDir).orElseGet(() -> AgentLayout.defaultLogDir(home, new ArrayList<>()));
    }
}
