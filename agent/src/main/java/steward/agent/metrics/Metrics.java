package steward.agent.metrics;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import steward.agent.os.Clock;
import steward.agent.os.LibC;
import steward.compat.api.ProcessControl;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;

/**
 * The agent's {@code /metrics} page in Prometheus' text format: every process ({@code name} and
 * {@code group} labels) from the engine and /proc, cron and deploy counters when there are any, and
 * the daemon's own memory, threads, CPU and uptime. Built on each scrape from the engine's snapshot;
 * nothing is kept per series but the counters.
 */
public final class Metrics {
    private static final ProcessState[] STATES = ProcessState.values();
    private static final byte[][] STATE_CLOSE = java.util.Arrays.stream(STATES)
            .map(s -> Exposition.close("state=\"" + s.name() + "\"")).toArray(byte[][]::new);

    private final ProcessControl engine;
    private final ProcessCounters counters;
    private final Predicate<ProcessInfo> ready;
    private final Optional<CronMetrics> cron;
    private final Optional<DeployMetrics> deploys;
    private final Clock clock;
    private final long startMillis;
    private volatile java.util.function.LongSupplier stdoutDropped;
    /**
     * The last page, kept to reuse its array once whoever sent it has consumed it (position at limit),
     * else to size the next one (about as long).
     */
    private ByteBuffer lastPage;
    /**
     * /proc readings, made at the first scrape (after the daemon has set its open-files limit);
     * their files are held open when that limit is roomy (8192 or more).
     */
    private ProcStats.Reader stats;

    /**
     * @param ready whether a process counts as ready (what its {@code ready=} check says; RUNNING by default)
     */
    public Metrics(ProcessControl engine, ProcessCounters counters, Predicate<ProcessInfo> ready,
            Optional<CronMetrics> cron, Optional<DeployMetrics> deploys, Clock clock) {
        this.clock = clock;
        this.startMillis = ProcessHandle.current().info().startInstant().map(java.time.Instant::toEpochMilli)
                .orElse(clock.millis());
        this.engine = engine;
        this.counters = counters;
        this.ready = ready;
        this.cron = cron;
        this.deploys = deploys;
    }

    /** The soft open-files limit (Long.MAX_VALUE when unlimited, 0 when unknown). */
    private static long openFilesLimit() {
        long[] lim = new long[2];
        if (LibC.getrlimit(LibC.RLIMIT_NOFILE, lim) != 0) {
            return 0;
        }
        return lim[0] < 0 ? Long.MAX_VALUE : lim[0];
    }

    /** With {@code --log-stdout}: the count of records the stdout mirror had to drop. */
    public Metrics withStdoutDrops(java.util.function.LongSupplier dropped) {
        this.stdoutDropped = dropped;
        return this;
    }

    /** Readiness as Supervisor alone knows it: RUNNING. */
    public static boolean running(ProcessInfo i) {
        return i.state() == ProcessState.RUNNING;
    }

    /**
     * One scrape, as UTF-8 bytes in one array sized from the last scrape's (no growing copies). The
     * caller sends the buffer and consumes it as it does (its position reaches its limit); after that
     * the next scrape writes into the same array. Safe to call from several threads (the control
     * server, the health port).
     */
    public synchronized ByteBuffer scrape() {
        if (stats == null) {
            stats = new ProcStats.Reader(openFilesLimit() >= 8192);
        }
        List<ProcessInfo> all = engine.view().allProcessInfo();
        // the last page's array again once it has been sent whole (the writer consumed its buffer):
        // memory touched every scrape stays warm, where a fresh one would walk through the young heap
        Exposition out = lastPage != null && !lastPage.hasRemaining() ? new Exposition(lastPage.array())
                : new Exposition(lastPage != null ? lastPage.limit() + lastPage.limit() / 8 : 4096 + all.size() * 1024);
        processes(out, all);
        cron.ifPresent(c -> c.write(out));
        deploys.ifPresent(d -> d.write(out));
        daemon(out, all.size());
        stats.sweep();
        lastPage = out.bytes();
        return lastPage;
    }

    private static final byte[] STATE = Exposition.open("steward_process_state");
    private static final byte[] READY = Exposition.open("steward_process_ready");
    private static final byte[] RESTARTS = Exposition.open("steward_process_restarts_total");
    private static final byte[] START = Exposition.open("steward_process_start_time_seconds");
    private static final byte[] EXIT = Exposition.open("steward_process_last_exit_status");
    private static final byte[] RSS = Exposition.open("steward_process_resident_memory_bytes");
    private static final byte[] CPU = Exposition.open("steward_process_cpu_seconds_total");
    private static final byte[] CLOSE = Exposition.close(null);

    private void processes(Exposition out, List<ProcessInfo> all) {
        int n = all.size();
        byte[][] labels = new byte[n][];
        for (int i = 0; i < n; i++) {
            labels[i] = Exposition.labels("name", all.get(i).name(), "group", all.get(i).group());
        }
        out.family("steward_process_state", "gauge",
                "1 for the state the process is in (Supervisor's states), 0 for the others.");
        for (int i = 0; i < n; i++) {
            ProcessState current = all.get(i).state();
            for (int k = 0; k < STATES.length; k++) {
                out.sample(STATE, labels[i], STATE_CLOSE[k], current == STATES[k] ? 1 : 0);
            }
        }
        out.family("steward_process_ready", "gauge", "1 when the process is ready (its ready= check, else RUNNING).");
        for (int i = 0; i < n; i++) {
            out.sample(READY, labels[i], CLOSE, ready.test(all.get(i)) ? 1 : 0);
        }
        out.family("steward_process_restarts_total", "counter", "Starts of the process after its first one.");
        for (int i = 0; i < n; i++) {
            ProcessInfo p = all.get(i);
            out.sample(RESTARTS, labels[i], CLOSE, counters.restarts(new ProcessRef(p.group(), p.name())));
        }
        out.family("steward_process_start_time_seconds", "gauge",
                "Unix time of the process' last start (0: never started).");
        for (int i = 0; i < n; i++) {
            out.sample(START, labels[i], CLOSE, all.get(i).start());
        }
        out.family("steward_process_last_exit_status", "gauge", "Exit status of the process' last exit.");
        for (int i = 0; i < n; i++) {
            out.sample(EXIT, labels[i], CLOSE, all.get(i).exitstatus());
        }
        ProcStats[] stats = new ProcStats[n];
        for (int i = 0; i < n; i++) {
            int pid = all.get(i).pid();
            stats[i] = pid > 0 ? this.stats.of(pid).orElse(null) : null;
        }
        out.family("steward_process_resident_memory_bytes", "gauge",
                "Resident memory of the running process (its main pid), from /proc.");
        for (int i = 0; i < n; i++) {
            if (stats[i] != null) {
                out.sample(RSS, labels[i], CLOSE, stats[i].rssBytes());
            }
        }
        out.family("steward_process_cpu_seconds_total", "counter",
                "User and system CPU seconds of the running process (its main pid) since it started, from /proc.");
        for (int i = 0; i < n; i++) {
            if (stats[i] != null) {
                out.sample(CPU, labels[i], CLOSE, stats[i].cpuSeconds());
            }
        }
    }

    private void daemon(Exposition out, int processes) {
        Optional<ProcStats> self = stats.of(ProcessHandle.current().pid());
        out.family("process_resident_memory_bytes", "gauge", "Resident memory of the Steward daemon.");
        out.sample("process_resident_memory_bytes", self.map(ProcStats::rssBytes).orElse(0L));
        out.family("process_cpu_seconds_total", "counter", "User and system CPU seconds of the Steward daemon.");
        out.sample("process_cpu_seconds_total", self.map(ProcStats::cpuSeconds).orElse(0.0));
        out.family("process_threads", "gauge", "Threads of the Steward daemon.");
        out.sample("process_threads", self.map(ProcStats::threads).orElse(0));
        out.family("process_start_time_seconds", "gauge", "Unix time the Steward daemon started.");
        out.sample("process_start_time_seconds", startMillis / 1000.0);
        out.family("steward_uptime_seconds", "gauge", "Seconds since the Steward daemon started.");
        out.sample("steward_uptime_seconds", (clock.millis() - startMillis) / 1000.0);
        out.family("steward_processes", "gauge", "Processes the daemon supervises.");
        out.sample("steward_processes", processes);
        java.util.function.LongSupplier dropped = stdoutDropped;
        if (dropped != null) {
            out.family("steward_log_stdout_dropped_records_total", "counter",
                    "Log records --log-stdout dropped because stdout was too slow (the log files have them).");
            out.sample("steward_log_stdout_dropped_records_total", dropped.getAsLong());
        }
    }
}
