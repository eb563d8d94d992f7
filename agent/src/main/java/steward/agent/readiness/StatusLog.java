package steward.agent.readiness;

import steward.agent.logs.DaemonLog;
import steward.agent.os.Clock;

/**
 * The {@code STATUS=} a process reports about itself: always kept as its current status, written to
 * the main log only when it differs from the last one written, and rate-limited: a burst of
 * {@value #BURST} lines, then one a second, so a process that sends thousands cannot flood the log
 * (the count of changes not written is given with the next line that is). One per process; loop
 * thread only.
 */
public final class StatusLog {
    static final int BURST = 10;
    static final long REFILL_NANOS = 1_000_000_000L;

    private final DaemonLog log;
    private final Clock clock;
    private final String name;
    private String current = "";
    private String written;
    private double tokens = BURST;
    private long refilledAt;
    private int skipped;

    public StatusLog(DaemonLog log, Clock clock, String name) {
        this.log = log;
        this.clock = clock;
        this.name = name;
        this.refilledAt = clock.nanos();
    }

    /** Records {@code status}; returns whether it differs from the current one. */
    public boolean update(String status) {
        boolean changed = !status.equals(current);
        current = status;
        if (status.equals(written)) {
            return changed;
        }
        long now = clock.nanos();
        tokens = Math.min(BURST, tokens + (now - refilledAt) / (double) REFILL_NANOS);
        refilledAt = now;
        if (tokens < 1) {
            skipped++;
            return changed;
        }
        tokens--;
        log.info("status: " + name + ": " + status + (skipped == 0 ? "" : " (" + skipped + " changes not logged)"));
        written = status;
        skipped = 0;
        return changed;
    }

    /** The last status received, or "". */
    public String current() {
        return current;
    }
}
