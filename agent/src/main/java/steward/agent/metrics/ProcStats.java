package steward.agent.metrics;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import steward.agent.os.LibC;

/**
 * What {@code /proc/PID/stat} says about one process: resident memory, CPU seconds (user + system)
 * and threads. Page size and clock ticks are taken as the Linux values on x86-64 and arm64 (4 KiB
 * pages, USER_HZ 100).
 */
public record ProcStats(long rssBytes, double cpuSeconds, int threads) {
    private static final long PAGE = 4096;
    private static final double TICKS = 100.0;

    /**
     * Reads the stats of many processes, scrape after scrape. Each process's stat file stays open
     * while it runs and is re-read with one pread(2): a scrape of 200 programs makes 200 system
     * calls, not 600 with path walks (on a machine where idle memory goes cold, that was most of a
     * scrape's cost). A held file names its process, not its pid: once the process is gone the read
     * fails, and a recycled pid is opened afresh, never reported as the old program. Files are held
     * only when the open-files limit leaves room ({@code hold}); else each read opens and closes.
     * Not thread-safe: one owner, which calls {@link #sweep} after each round.
     */
    static final class Reader {
        private final byte[] b = new byte[1024];
        private final long[] f = new long[22];
        private final Map<Long, Held> held = new HashMap<>();
        private final boolean hold;
        private int round;

        /** A held stat file and the round it was last read in. */
        private static final class Held {
            final int fd;
            int round;

            Held(int fd, int round) {
                this.fd = fd;
                this.round = round;
            }
        }

        Reader(boolean hold) {
            this.hold = hold;
        }

        Optional<ProcStats> of(long pid) {
            Held h = held.get(pid);
            long n = h == null ? -1 : LibC.pread(h.fd, b, b.length, 0);
            if (h != null && n > 0) {
                h.round = round;
                return parse((int) n);
            }
            if (h != null) { // the process is gone; its pid may belong to another one now
                LibC.close(h.fd);
                held.remove(pid);
            }
            int fd = LibC.open("/proc/" + pid + "/stat", LibC.O_CLOEXEC, 0);
            if (fd < 0) {
                return Optional.empty();
            }
            n = LibC.pread(fd, b, b.length, 0);
            if (hold && n > 0) {
                held.put(pid, new Held(fd, round));
            } else {
                LibC.close(fd);
            }
            return n > 0 ? parse((int) n) : Optional.empty();
        }

        /** Ends a round: closes the files of processes not read in it (they stopped). */
        void sweep() {
            for (Iterator<Held> it = held.values().iterator(); it.hasNext(); ) {
                Held h = it.next();
                if (h.round != round) {
                    LibC.close(h.fd);
                    it.remove();
                }
            }
            round++;
        }

        /** How many stat files are held open. */
        int held() {
            return held.size();
        }

        private Optional<ProcStats> parse(int end) {
            int at = end - 1;
            while (at >= 0 && b[at] != ')') {
                at--;
            }
            if (at < 0) {
                return Optional.empty();
            }
            // fields after the command: index 0 is field 3 (state); utime 14, stime 15, threads 20, rss 24
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
}
