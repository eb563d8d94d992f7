package steward.agent.cron;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import steward.agent.logs.LogSink;

/**
 * How a {@link CronService} runs.
 *
 * @param log          where the cron log goes (a {@code RotatingLogFile} beside the program logs, or stdout)
 * @param zone         the zone of lines without {@code CRON_TZ} (the agent's {@code TZ})
 * @param killGrace    SIGTERM → SIGKILL wait for running jobs on redeploy and shutdown
 * @param cluster      cluster mode settings, when each fire must run once across instances
 * @param clock        wall time (tests may pass a fixed offset)
 */
public record CronSettings(LogSink log, ZoneId zone, Duration killGrace, Optional<ClusterSettings> cluster,
                           Clock clock) {

    /** Local mode, system zone and clock, 10 s grace. */
    public static CronSettings local(LogSink log) {
        return new CronSettings(log, ZoneId.systemDefault(), Duration.ofSeconds(10), Optional.empty(),
                Clock.systemDefaultZone());
    }

    public CronSettings withCluster(ClusterSettings c) {
        return new CronSettings(log, zone, killGrace, Optional.of(c), clock);
    }

    public CronSettings withKillGrace(Duration grace) {
        return new CronSettings(log, zone, grace, cluster, clock);
    }

    public CronSettings withZone(ZoneId z) {
        return new CronSettings(log, z, killGrace, cluster, clock);
    }

    /**
     * Cluster mode: Quartz's clustered JDBC JobStore on PostgreSQL.
     *
     * @param jdbcUrl         {@code jdbc:postgresql://host/db?user=…&password=…}
     * @param name            the cluster's name; instances of one service share it (Quartz's scheduler name)
     * @param instanceId      this instance's id, unique in the cluster (default: host name + pid)
     * @param checkinInterval how often an instance checks in; a silent instance is taken over after
     *                        this plus {@code failoverMargin}
     * @param failoverMargin  Quartz hard-codes 7.5 s here; Steward makes it a setting (default 500 ms)
     * @param threads         Quartz worker threads: how many jobs may run at once on this instance
     */
    public record ClusterSettings(String jdbcUrl, String name, String instanceId, Duration checkinInterval,
                                  Duration failoverMargin, int threads) {
        public static ClusterSettings of(String jdbcUrl) {
            return new ClusterSettings(jdbcUrl, "steward-cron", defaultInstanceId(), Duration.ofMillis(500),
                    Duration.ofMillis(500), 8);
        }

        public ClusterSettings withName(String n) {
            return new ClusterSettings(jdbcUrl, n, instanceId, checkinInterval, failoverMargin, threads);
        }

        private static String defaultInstanceId() {
            String host = System.getenv().getOrDefault("HOSTNAME", "host");
            return host + "-" + ProcessHandle.current().pid();
        }
    }
}
