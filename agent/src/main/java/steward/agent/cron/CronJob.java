package steward.agent.cron;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import steward.agent.os.EventLoop;

/**
 * One crontab line at run time: its timer, its running processes and what it last did. Confined to
 * the cron event loop.
 */
final class CronJob {
    private final String key;
    private final CronEntry entry;
    private final List<JobProcess> running = new ArrayList<>();
    private EventLoop.Timer timer;
    private Instant nextRun;
    private Instant lastRun;
    private OptionalInt lastExit = OptionalInt.empty();
    private String lastResult = "";
    private long runs;
    private long skipped;

    CronJob(String key, CronEntry entry) {
        this.key = key;
        this.entry = entry;
    }

    String key() {
        return key;
    }

    CronEntry entry() {
        return entry;
    }

    /** {@code line 7}: the tag of this job's lines in the cron log, the crontab line that defines it. */
    String tag() {
        return "line " + entry.line();
    }

    List<JobProcess> running() {
        return running;
    }

    void started(JobProcess p, Instant at) {
        running.add(p);
        lastRun = at;
        runs++;
    }

    void finished(JobProcess p, JobProcess.Exit exit) {
        running.remove(p);
        lastExit = OptionalInt.of(exit.code());
        lastResult = exit.message();
    }

    void spawnFailed(Instant at, String why) {
        lastRun = at;
        runs++;
        lastExit = OptionalInt.of(127);
        lastResult = "spawn error: " + why;
    }

    void skipped() {
        skipped++;
    }

    void timer(EventLoop.Timer t, Instant next) {
        cancelTimer();
        timer = t;
        nextRun = next;
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    void nextRun(Instant next) {
        nextRun = next;
    }

    CronStatus status(Optional<Instant> clusterNext) {
        List<Integer> pids = running.stream().map(JobProcess::pid).toList();
        return new CronStatus(entry.line(), entry.schedule().spec(), entry.command(), entry.overlap(),
                Optional.ofNullable(lastRun), clusterNext.or(() -> Optional.ofNullable(nextRun)), lastExit, lastResult,
                pids, runs, skipped);
    }
}
