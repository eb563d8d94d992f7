package steward.agent.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code /proc/PID/stat} says about one process: resident memory, CPU seconds (user + system)
 * and threads. One small read per process. Page size and clock ticks are taken as the Linux values
 * on x86-64 and arm64 (4 KiB pages, USER_HZ 100).
 */
public record ProcStats(long rssBytes, double cpuSeconds, int threads) {
    private static final long PAGE = 4096;
    private static final double TICKS = 100.0;

    /** The stats of {@code pid}, or empty when it is gone or unreadable. */
    public static Optional<ProcStats> of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // fields after the command, which is in parentheses and may contain spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state): utime is field 14, stime 15, num_threads 20, rss 24
            double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
            int threads = Integer.parseInt(f[17]);
            long rss = Long.parseLong(f[21]) * PAGE;
            return Optional.of(new ProcStats(rss, cpu, threads));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
