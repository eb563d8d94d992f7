package steward.agent.cron;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import steward.agent.os.EventLoop;
import steward.agent.os.ChildProcess;
import steward.compat.config.Signals;

/**
 * Runs the jobs on the cron event loop: arms one timer per line (local mode), starts runs, refuses a
 * fire while the previous run goes on (unless {@code @overlap}), and stops runs with SIGTERM then
 * SIGKILL. A fire found late (the agent was paused or the machine slept) runs once, then the line
 * goes on from the present: missed fires are not replayed in a burst. Loop thread only.
 */
final class CronRunner {
    /** Timers re-check the wall clock at least this often, so a clock step is noticed. */
    private static final long MAX_TIMER_MS = 60_000;
    /** Later than this counts as a missed fire worth a log line. */
    private static final long LATE_MS = 1000;

    private final EventLoop loop;
    private final CronLog log;
    private final Clock clock;
    private final ZoneId defaultZone;
    private final Duration killGrace;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(16 * 1024);
    private final Map<String, CronJob> jobs = new LinkedHashMap<>();
    private final List<JobProcess> stopping = new ArrayList<>();
    private Map<String, String> serviceEnv = Map.of();
    private Path home = Path.of("/");
    private boolean timers = true;
    private final List<CompletableFuture<Void>> idleWaiters = new ArrayList<>();
    private volatile RunObserver observer = RunObserver.NONE;

    CronRunner(EventLoop loop, CronLog log, Clock clock, ZoneId defaultZone, Duration killGrace) {
        this.loop = loop;
        this.log = log;
        this.clock = clock;
        this.defaultZone = defaultZone;
        this.killGrace = killGrace;
    }

    void observe(RunObserver o) {
        observer = o;
    }

    /** Local timers off: cluster mode, where Quartz decides when and where a line fires. */
    void disableTimers() {
        timers = false;
    }

    /**
     * Makes {@code entries} (keyed) the job set. Lines that stay keep their state and runs; runs of
     * lines that went away are stopped, and with {@code stopAll} (a new release) every run is.
     */
    void apply(Map<String, CronEntry> entries, Map<String, String> env, Path home, boolean stopAll) {
        this.serviceEnv = Map.copyOf(env);
        this.home = home;
        for (var it = jobs.entrySet().iterator(); it.hasNext(); ) {
            CronJob job = it.next().getValue();
            if (!entries.containsKey(job.key())) {
                job.cancelTimer();
                job.running().forEach(this::stop);
                it.remove();
            } else if (stopAll) {
                job.running().forEach(this::stop);
            }
        }
        entries.forEach((key, entry) -> {
            if (!jobs.containsKey(key)) {
                CronJob job = new CronJob(key, entry);
                jobs.put(key, job);
                if (timers) {
                    arm(job, clock.instant());
                }
            }
        });
    }

    /** Runs every {@code @reboot} line once. */
    void reboot() {
        Instant now = clock.instant();
        jobs.values().stream().filter(j -> j.entry().schedule() instanceof Schedule.Reboot)
                .forEach(j -> fire(j, now, null));
    }

    private ZoneId zone(CronEntry e) {
        return e.zone().orElse(defaultZone);
    }

    private void arm(CronJob job, Instant after) {
        Optional<ZonedDateTime> next = job.entry().schedule().next(after.atZone(zone(job.entry())));
        if (next.isEmpty()) {
            job.timer(null, null);
            return;
        }
        Instant target = next.get().toInstant();
        armAt(job, target);
    }

    private void armAt(CronJob job, Instant target) {
        long delay = Math.min(MAX_TIMER_MS, Duration.between(clock.instant(), target).toMillis());
        job.timer(loop.schedule(delay, () -> due(job, target)), target);
    }

    private void due(CronJob job, Instant target) {
        Instant now = clock.instant();
        if (now.isBefore(target)) {
            armAt(job, target);
            return;
        }
        long late = Duration.between(target, now).toMillis();
        if (late > LATE_MS) {
            log.job(job.tag(), "fire of " + target.atZone(zone(job.entry())).toLocalDateTime() + " is " + late
                    + " ms late (agent paused or clock jumped): running it once; missed fires are not replayed");
        }
        fire(job, target, null);
        arm(job, now);
    }

    /** Fires one line now for the fire scheduled at {@code scheduled}; {@code done} hears how the run ended. */
    void fire(CronJob job, Instant scheduled, CompletableFuture<JobProcess.Exit> done) {
        if (!job.entry().overlap() && !job.running().isEmpty()) {
            JobProcess p = job.running().get(0);
            job.skipped();
            observer.finished(job.entry().line(), RunObserver.Outcome.SKIPPED, 0);
            log.job(job.tag(), "skipped the fire of " + scheduled.atZone(zone(job.entry())).toLocalDateTime()
                    + ": still running (pid " + p.pid() + ", started for " + p.scheduled().atZone(zone(job.entry()))
                    .toLocalDateTime() + "); add @overlap to the line to allow overlapping runs");
            if (done != null) {
                done.complete(new JobProcess.Exit(-1, "skipped", 0));
            }
            return;
        }
        Instant now = clock.instant();
        JobProcess.Spec spec = JobEnvironment.spec(job.entry(), serviceEnv, home, scheduled);
        try {
            JobProcess[] self = new JobProcess[1];
            self[0] = JobProcess.spawn(loop, spec, scheduled, log, job.tag(), buffer, exit -> {
                job.finished(self[0], exit);
                observer.finished(job.entry().line(), exit.code() == 0 ? RunObserver.Outcome.SUCCESS
                        : RunObserver.Outcome.FAILURE, exit.durationMillis() / 1000.0);
                stopping.remove(self[0]);
                log.job(job.tag(), "pid " + self[0].pid() + " " + exit.message() + " after "
                        + exit.durationMillis() + " ms");
                if (done != null) {
                    done.complete(exit);
                }
                if (!anyRunning()) {
                    idleWaiters.forEach(f -> f.complete(null));
                    idleWaiters.clear();
                }
            });
            job.started(self[0], now);
            log.job(job.tag(), "started pid " + self[0].pid() + " for " + scheduled.atZone(zone(job.entry()))
                    .toLocalDateTime() + " (" + Duration.between(scheduled, now).toMillis() + " ms late): "
                    + job.entry().command());
        } catch (ChildProcess.StartFailed | RuntimeException e) {
            job.spawnFailed(now, e.getMessage());
            observer.finished(job.entry().line(), RunObserver.Outcome.SPAWN_ERROR, 0);
            log.job(job.tag(), "spawn error: " + spec.shell() + ": " + e.getMessage());
            if (done != null) {
                done.complete(new JobProcess.Exit(127, "spawn error: " + e.getMessage(), 0));
            }
        }
    }

    /** SIGTERM now, SIGKILL after the grace time if it is still there. */
    void stop(JobProcess p) {
        if (p.exited() || stopping.contains(p)) {
            return;
        }
        stopping.add(p);
        log.info("sending SIGTERM to job process group " + p.pid());
        p.signal(Signals.TERM);
        loop.schedule(killGrace.toMillis(), () -> {
            if (!p.exited()) {
                log.info("job process group " + p.pid() + " still there after " + killGrace.toMillis()
                        + " ms: SIGKILL");
                p.signal(Signals.KILL);
            }
        });
    }

    /** Cancels every timer and stops every run. */
    void stopAll() {
        timers = false;
        jobs.values().forEach(j -> {
            j.cancelTimer();
            j.running().forEach(this::stop);
        });
    }

    /** Completes once no run is left. */
    CompletableFuture<Void> whenIdle() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (anyRunning()) {
            idleWaiters.add(f);
        } else {
            f.complete(null);
        }
        return f;
    }

    boolean anyRunning() {
        return jobs.values().stream().anyMatch(j -> !j.running().isEmpty());
    }

    CronJob job(String key) {
        return jobs.get(key);
    }

    /** Adds a job this instance did not load itself (cluster mode: a newer release's line). */
    CronJob adopt(String key, CronEntry entry) {
        return jobs.computeIfAbsent(key, k -> new CronJob(k, entry));
    }

    List<CronStatus> status(Function<String, Optional<Instant>> clusterNext) {
        List<CronStatus> out = new ArrayList<>();
        jobs.values().forEach(j -> out.add(j.status(clusterNext.apply(j.key()))));
        return out;
    }
}
