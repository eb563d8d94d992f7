package steward.agent.metrics;

import java.io.FileInputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * What {@code /proc/PID/stat} says about one process: resident memory, CPU seconds (user + system)
 * and threads. One small read per process into a reused buffer, parsed in place (a scrape of 200
 * programs reads 200 of them). Page size and clock ticks are taken as the Linux values on x86-64
 * and arm64 (4 KiB pages, USER_HZ 100).
 */
public record ProcStats(long rssBytes, double cpuSeconds, int threads) {
    private static final long PAGE = 4096;
    private static final double TICKS = 100.0;

    /** Reads stats with one buffer; not thread-safe, one per scrape. */
    static final class Reader {
        private final byte[] b = new byte[1024];

        Optional<ProcStats> of(long pid) {
            int end = 0;
            // FileInputStream: the JDK's shortest way from a path string to read(2), without NIO's
            // Path and channel objects (200 of them per scrape)
            try (FileInputStream in = new FileInputStream("/proc/" + pid + "/stat")) {
                for (int n; end < b.length && (n = in.read(b, end, b.length - end)) > 0; ) {
                    end += n; // a stat line is well under 1 KiB
                }
            } catch (IOException e) {
                return Optional.empty();
            }
            int at = end - 1;
            while (at >= 0 && b[at] != ')') {
                at--;
            }
            if (at < 0) {
                return Optional.empty();
            }
            // fields after the command: index 0 is field 3 (state); utime 14, stime 15, threads 20, rss 24
            long[] f = new long[22];
            int field = 0;
            long value = 0;
            for (int i = at + 2; i < end && field < 22; i++) {
                byte c = b[i];
                if (c == ' ' || c == '\n') {
                    f[field++] = value;
                    value = 0;
                } else if (c >= '0' && c <= '9') {
                    value = value * 10 + (c - '0');
                }
            }
            if (field < 22) {
                return Optional.empty();
            }
            return Optional.of(new ProcStats(f[21] * PAGE, (f[11] + f[12]) / TICKS, (int) f[17]));
        }
    }

    /** The stats of {@code pid}, or empty when it is gone or unreadable. */
    public static Optional<ProcStats> of(long pid) {
        return new Reader().of(pid);
    }
}
