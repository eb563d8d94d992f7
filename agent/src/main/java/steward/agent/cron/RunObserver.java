package steward.agent.cron;

/**
 * Hears how each fire of a crontab line ended (for metrics). Called on the cron loop (or a Quartz
 * thread in cluster mode); must not block.
 */
@FunctionalInterface
public interface RunObserver {
    RunObserver NONE = (line, outcome, seconds) -> { };

    /** How a fire ended. */
    enum Outcome {
        SUCCESS, FAILURE, SKIPPED, SPAWN_ERROR;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code line} is the crontab line; {@code seconds} the run's duration (0 when it did not run). */
    void finished(int line, Outcome outcome, double seconds);
}
