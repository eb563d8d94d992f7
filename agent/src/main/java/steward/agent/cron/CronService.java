package steward.agent.cron;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import steward.agent.os.Clock;
import steward.agent.os.EventLoop;

/**
 * Steward's cron, the front door: {@link #replace} loads a crontab (bad lines are reported, good ones
 * run), {@link #status} lists the jobs, {@link #close} stops everything. Jobs run on one event loop
 * thread of their own; in cluster mode Quartz (loaded only then) decides which instance takes each
 * fire. The last crontab file given to {@code replace} is watched (checked every second), so the
 * {@code crontab} command takes effect without a redeploy.
 *
 * <pre>
 * CronService cron = CronService.start(CronSettings.local(new RotatingLogFile(logDir.resolve("cron.log"), 50 &lt;&lt; 20, 10)));
 * cron.replace(approot.resolve("crontab"), serviceEnv, home, release.created().toEpochMilli())
 *         .forEach(e -&gt; deployLog.warn(e.toString()));
 * ...
 * cron.close();
 * </pre>
 */
public final class CronService implements AutoCloseable, ClusterBackend.Fires {
    private static final long WATCH_MS = 1000;

    private final CronSettings settings;
    private final EventLoop loop;
    private final CronLog log;
    private final CronRunner runner;
    private volatile ClusterBackend cluster;
    private Path file;
    private Map<String, String> env = Map.of();
    private Path home = Path.of("/");
    private long stamp;
    private boolean loaded;
    private String fileSeen;
    private boolean closed;

    private CronService(CronSettings settings, Clock loopClock) {
        this.settings = settings;
        this.loop = new EventLoop("steward-cron", loopClock);
        this.log = new CronLog(settings.log(), settings.clock());
        this.runner = new CronRunner(loop, log, settings.clock(), settings.zone(), settings.killGrace());
        if (settings.cluster().isPresent()) {
            runner.disableTimers();
        }
    }

    /** The cron loop (tests move its clock and let it run what became due). */
    EventLoop loop() {
        return loop;
    }

    /** Tells {@code o} how every fire ends from now on (metrics). */
    public void observe(RunObserver o) {
        runner.observe(o);
    }

    /** Starts the service with no jobs. */
    public static CronService start(CronSettings settings) {
        return start(settings, Clock.SYSTEM);
    }

    /** As {@link #start(CronSettings)}, its timers on {@code loopClock} (tests move one by hand). */
    static CronService start(CronSettings settings, Clock loopClock) {
        CronService s = new CronService(settings, loopClock);
        s.loop.start();
        s.loop.execute(s::watchTick);
        return s;
    }

    /**
     * Loads {@code crontabFile} (a missing file is an empty crontab) and makes it the job set, run with
     * {@code env} plus the crontab's variables, in {@code home}. A new {@code releaseStamp} stops the
     * runs of the previous release; in cluster mode the newest stamp's crontab wins.
     *
     * @return the lines that did not load, each {@code FILE:LINE: reason} (also written to the cron log)
     */
    public List<CrontabError> replace(Path crontabFile, Map<String, String> env, Path home, long releaseStamp)
            throws IOException {
        Crontab tab = read(crontabFile);
        return loop.callAndWait(() -> {
            this.file = crontabFile;
            this.fileSeen = fingerprint(crontabFile);
            return apply(tab, env, home, releaseStamp);
        });
    }

    /** As {@link #replace(Path, Map, Path, long)} for a crontab already parsed; stops watching any file. */
    public List<CrontabError> replace(Crontab tab, Map<String, String> env, Path home, long releaseStamp) {
        return loop.callAndWait(() -> {
            this.file = null;
            return apply(tab, env, home, releaseStamp);
        });
    }

    /**
     * Every job with its schedule, last and next run, last exit and running pids, in crontab order.
     * Nothing polls for this and nothing is called back: each job's {@link CronJob} is its status,
     * kept by the cron loop as its runs start, end or are skipped, and read on that loop when asked
     * ({@code steward.cronStatus}). Jobs are not the engine's processes, so there is no engine event
     * to subscribe to, and a listener kept beside CronJob would hold the same fields twice.
     */
    public List<CronStatus> status() {
        ClusterBackend c = cluster;
        return loop.callAndWait(() -> runner.status(key -> c == null ? Optional.empty() : c.nextFire(key)));
    }

    /** Reopens the cron log (SIGUSR2, logrotate). */
    public void reopenLogs() {
        log.reopen();
    }

    private static Crontab read(Path f) throws IOException {
        try {
            return CrontabParser.parse(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return CrontabParser.parse(f.toString(), "");
        }
    }

    private List<CrontabError> apply(Crontab tab, Map<String, String> env, Path home, long releaseStamp) {
        if (closed) {
            throw new IllegalStateException("cron service is closed");
        }
        tab.errors().forEach(e -> log.info(e.toString()));
        Map<String, CronEntry> keyed = EntryKeys.keyed(tab.entries());
        boolean newRelease = loaded && releaseStamp != stamp;
        this.env = Map.copyOf(env);
        this.home = home;
        this.stamp = releaseStamp;
        runner.apply(keyed, env, home, newRelease);
        log.info("crontab " + tab.file() + ": " + tab.counts() + " (release " + releaseStamp + ")");
        if (!loaded) {
            loaded = true;
            runner.reboot();
        }
        if (settings.cluster().isPresent() && (cluster != null || !keyed.isEmpty())) {
            installInCluster(keyed, releaseStamp);
        }
        return tab.errors();
    }

    private void installInCluster(Map<String, CronEntry> keyed, long releaseStamp) {
        try {
            if (cluster == null) {
                cluster = ClusterLoader.load(settings.cluster().get(), this);
            }
            long inForce = cluster.install(keyed, releaseStamp);
            if (inForce != releaseStamp) {
                log.info("the cluster runs the crontab of a newer release (" + inForce + "); this one ("
                        + releaseStamp + ") is not installed");
            }
        } catch (Exception e) {
            log.info("cluster: could not install the crontab: " + e);
            throw new IllegalStateException("cron cluster: " + e.getMessage(), e);
        }
    }

    /** Re-reads the watched crontab when its size or modification time changed. */
    private void watchTick() {
        if (closed) {
            return;
        }
        if (file != null) {
            String now = fingerprint(file);
            if (!now.equals(fileSeen)) {
                fileSeen = now;
                try {
                    log.info("crontab " + file + " changed: reloading");
                    apply(read(file), env, home, stamp);
                } catch (IOException | RuntimeException e) {
                    log.info("crontab " + file + ": " + e.getMessage());
                }
            }
        }
        loop.schedule(WATCH_MS, this::watchTick);
    }

    private static String fingerprint(Path f) {
        try {
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
            return a.size() + "@" + a.lastModifiedTime().toMillis() + "#" + a.fileKey();
        } catch (IOException e) {
            return "missing";
        }
    }

    @Override
    public CompletableFuture<Integer> fire(String key, CronEntry entry, Instant scheduled) {
        CompletableFuture<JobProcess.Exit> done = new CompletableFuture<>();
        loop.execute(() -> {
            if (closed) {
                done.complete(new JobProcess.Exit(-1, "closed", 0));
                return;
            }
            CronJob job = runner.job(key);
            runner.fire(job != null ? job : runner.adopt(key, entry), scheduled, done);
        });
        return done.thenApply(JobProcess.Exit::code);
    }

    @Override
    public CronLog log() {
        return log;
    }

    /**
     * Stops taking fires, sends running jobs SIGTERM (SIGKILL after the grace time), waits for them,
     * leaves the cluster and stops the loop.
     */
    @Override
    public void close() {
        ClusterBackend c = cluster;
        if (c != null) {
            c.standby();
        }
        CompletableFuture<Void> idle = loop.callAndWait(() -> {
            closed = true;
            runner.stopAll();
            return runner.whenIdle();
        });
        try {
            idle.get(settings.killGrace().toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            log.info("cron: jobs still running at close: " + e);
        }
        if (c != null) {
            c.close();
        }
        loop.close();
        log.info("cron stopped");
        log.close();
    }
}
