package steward.agent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import steward.agent.cron.CronService;
import steward.agent.cron.CronSettings;
import steward.agent.cron.Crontab;
import steward.agent.cron.CrontabError;
import steward.agent.cron.CrontabParser;
import steward.agent.logs.StreamSink;

/** {@code steward cron FILE}: runs a crontab in the foreground until TERM or INT, like supercronic. */
@Command(name = "cron", mixinStandardHelpOptions = true,
        description = "Run a crontab in the foreground until TERM/INT; the cron log goes to stdout.")
public final class CronCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "the crontab file (re-read when it changes)")
    Path file;

    @Option(names = "--cluster", paramLabel = "JDBC_URL",
            description = "run each fire once across instances (Quartz on PostgreSQL); default $STEWARD_CRON_JDBC_URL")
    String cluster;

    @Option(names = "--cluster-name", description = "instances sharing a name share the jobs (default steward-cron)")
    String clusterName;

    @Option(names = "--release-stamp", description = "newest wins in a cluster (default: the file's mtime, ms)")
    Long releaseStamp;

    @Option(names = "--home", description = "jobs' HOME and working directory (default $HOME)")
    Path home;

    @Option(names = "--grace", description = "seconds between SIGTERM and SIGKILL for running jobs (default 10)")
    int grace = 10;

    @Option(names = "--check", description = "parse only: print bad lines, exit 2 if any (as deploy --check and supervisord --check)")
    boolean check;

    @Override
    public Integer call() throws Exception {
        if (check) {
            Crontab tab = CrontabParser.parse(file.toString(), Files.readString(file));
            tab.errors().forEach(System.err::println);
            System.out.println(file + ": " + tab.counts());
            return tab.errors().isEmpty() ? 0 : 2;
        }
        CronSettings settings = CronSettings.local(StreamSink.open(Path.of("/dev/stdout")))
                .withKillGrace(Duration.ofSeconds(grace));
        String url = cluster != null ? cluster : System.getenv("STEWARD_CRON_JDBC_URL");
        if (url != null && !url.isEmpty()) {
            CronSettings.ClusterSettings c = CronSettings.ClusterSettings.of(url);
            settings = settings.withCluster(clusterName == null ? c : c.withName(clusterName));
        }
        Path dir = Optional.ofNullable(home).or(() -> Optional.ofNullable(System.getenv("HOME")).map(Path::of))
                .orElse(Path.of("").toAbsolutePath());
        long stamp = releaseStamp != null ? releaseStamp
                : Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() : 0;
        CountDownLatch stop = new CountDownLatch(1);
        onSignal("TERM", stop);
        onSignal("INT", stop);
        CronService cron = CronService.start(settings);
        try {
            List<CrontabError> bad = cron.replace(file.toAbsolutePath(), System.getenv(), dir, stamp);
            bad.forEach(System.err::println);
            stop.await();
        } finally {
            cron.close();
        }
        return 0;
    }

    @SuppressWarnings("removal")
    private static void onSignal(String name, CountDownLatch stop) {
        sun.misc.Signal.handle(new sun.misc.Signal(name), s -> stop.countDown());
    }
}
