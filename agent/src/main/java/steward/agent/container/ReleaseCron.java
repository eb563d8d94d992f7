package steward.agent.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import steward.agent.cron.CronService;
import steward.agent.cron.RunObserver;
import steward.agent.cron.CronSettings;
import steward.agent.cron.Crontab;
import steward.agent.cron.CrontabError;
import steward.agent.cron.CrontabShim;
import steward.agent.deploy.ReleaseListener;
import steward.agent.logs.DaemonLog;
import steward.agent.logs.LogSink;
import steward.agent.logs.RotatingLogFile;
import steward.builder.ReleaseView;

/**
 * Runs the live release's crontab: the one a hook installed with the {@code crontab} command
 * ({@code $STEWARD_CRONTAB}, default {@code HOME/.steward/crontab}), else the approot's
 * {@code crontab} file. The cron service (and Quartz, in cluster mode) starts only when a release
 * has a crontab, and is closed, its running jobs sent SIGTERM, when the release's programs stop.
 * {@code STEWARD_CRON_JDBC_URL} in the service environment turns on cluster mode.
 */
final class ReleaseCron implements ReleaseListener, AutoCloseable {
    private static final long LOG_MAXBYTES = 50L * 1024 * 1024;
    private static final int LOG_BACKUPS = 10;

    private final Path home;
    private final Path logDir;
    private final DaemonLog log;
    private final RunObserver observer;
    private volatile CronService cron;

    private final java.util.function.UnaryOperator<LogSink> tap;

    /** {@code tap} wraps the cron log's sink (the --log-stdout mirror). */
    ReleaseCron(Path home, Path logDir, DaemonLog log, RunObserver observer, java.util.function.UnaryOperator<LogSink> tap) {
        this.observer = observer;
        this.tap = tap;
        this.home = home;
        this.logDir = logDir;
        this.log = log;
    }

    Optional<CronService> service() {
        return Optional.ofNullable(cron);
    }

    @Override
    public synchronized void activated(ReleaseView view, Map<String, String> environment) {
        Path installed = CrontabShim.location(environment);
        Path approot = home.resolve("current").resolve("crontab");
        Path file = Files.exists(installed) ? installed : approot;
        if (!Files.exists(file)) {
            return;
        }
        try {
            if (cron == null) {
                CronSettings settings = CronSettings.local(
                        tap.apply(new RotatingLogFile(logDir.resolve("cron.log"), LOG_MAXBYTES, LOG_BACKUPS)))
                        .withKillGrace(Duration.ofSeconds(10));
                String jdbc = environment.get("STEWARD_CRON_JDBC_URL");
                if (jdbc != null && !jdbc.isEmpty()) {
                    settings = settings.withCluster(CronSettings.ClusterSettings.of(jdbc)
                            .withName(environment.getOrDefault("DOTCLOUD_SERVICE_NAME", "steward")));
                }
                cron = CronService.start(settings);
                cron.observe(observer);
            }
            for (CrontabError e : cron.replace(file, environment, home, view.release().created().toEpochMilli())) {
                log.warn("cron: " + e);
            }
            log.info("cron: running " + file + " (" + Crontab.count(cron.status().size(), "job", "jobs") + "; log "
                    + logDir.resolve("cron.log") + ")");
        } catch (IOException | RuntimeException e) {
            log.error("cron: cannot load " + file + ": " + e.getMessage());
        }
    }

    @Override
    public synchronized void deactivated() {
        close();
    }

    void reopenLogs() {
        CronService c = cron;
        if (c != null) {
            c.reopenLogs();
        }
    }

    @Override
    public synchronized void close() {
        if (cron != null) {
            cron.close();
            cron = null;
        }
    }
}
