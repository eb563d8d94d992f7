package steward.agent.metrics;

import java.util.Map;
import java.util.TreeMap;
import steward.agent.cron.RunObserver;

/** Cron fires by crontab line: counts by outcome and a duration histogram of the runs that ran. */
public final class CronMetrics implements RunObserver {
    private final Map<Integer, long[]> outcomes = new TreeMap<>();
    private final Map<Integer, Histogram> durations = new TreeMap<>();

    @Override
    public synchronized void finished(int line, Outcome outcome, double seconds) {
        outcomes.computeIfAbsent(line, k -> new long[Outcome.values().length])[outcome.ordinal()]++;
        if (outcome == Outcome.SUCCESS || outcome == Outcome.FAILURE) {
            durations.computeIfAbsent(line, k -> new Histogram(Histogram.JOB_SECONDS)).observe(seconds);
        }
    }

    synchronized void write(Exposition out) {
        out.family("steward_cron_job_runs_total", "counter",
                "Fires of a crontab line by outcome (success, failure, skipped, spawn_error).");
        outcomes.forEach((line, counts) -> {
            for (Outcome o : Outcome.values()) {
                out.sample("steward_cron_job_runs_total", counts[o.ordinal()], "line", line.toString(),
                        "outcome", o.label());
            }
        });
        out.family("steward_cron_job_duration_seconds", "histogram",
                "Duration of the runs of a crontab line that ran to an exit.");
        durations.forEach((line, h) -> h.write(out, "steward_cron_job_duration_seconds", "line", line.toString()));
    }
}
