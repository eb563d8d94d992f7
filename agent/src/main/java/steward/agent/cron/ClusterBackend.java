package steward.agent.cron;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The cluster half of cron, behind an interface so that local mode never loads it: the Quartz
 * implementation ({@code steward.agent.cron.cluster.QuartzCluster}) is found by name in cluster mode only.
 */
public interface ClusterBackend extends AutoCloseable {

    /**
     * Makes the cluster run {@code entries} (keyed) unless it already runs the crontab of a newer
     * release; returns the release stamp in force afterwards.
     */
    long install(Map<String, CronEntry> entries, long releaseStamp) throws Exception;

    /** The cluster's next fire of a line, if it is scheduled. */
    Optional<Instant> nextFire(String key);

    /** Stops taking fires (standby); runs in progress go on until they end or are stopped. */
    void standby();

    /** Leaves the cluster, waiting for this instance's runs to be recorded as finished. */
    @Override
    void close();

    /** How the backend hands a fire it took to this instance. */
    interface Fires {
        /** Runs the line now; completes with the exit code when the run ends (or at once if skipped). */
        CompletableFuture<Integer> fire(String key, CronEntry entry, Instant scheduled);

        CronLog log();
    }
}
