package steward.agent.cron;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@code ctl cron} shows for one job.
 *
 * @param line       line in the crontab
 * @param schedule   as written ({@code @daily}, {@code *&#47;5 * * * *}, {@code @every 30s})
 * @param command    the command
 * @param overlap    opted in with {@code @overlap}
 * @param lastRun    when the last run started (this instance)
 * @param nextRun    the next fire (in cluster mode: the cluster's, which any instance may take)
 * @param lastExit   the last run's exit code, -1 when killed by a signal
 * @param lastResult "exit status 0", "terminated by SIGTERM", "spawn error: ENOENT", or empty
 * @param pids       running processes of this job (empty when idle)
 * @param runs       runs started here
 * @param skipped    fires skipped here because the previous run was still going
 */
public record CronStatus(int line, String schedule, String command, boolean overlap, Optional<Instant> lastRun,
                         Optional<Instant> nextRun, OptionalInt lastExit, String lastResult, List<Integer> pids,
                         long runs, long skipped) {
    public CronStatus {
        pids = List.copyOf(pids);
    }

    public boolean running() {
        return !pids.isEmpty();
    }
}
