package steward.agent.os;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A clock the test moves by hand, for an {@link EventLoop}'s timers ({@link Clock}) and for the wall
 * time a component reads ({@link java.time.Clock}) at once: {@link #advance} moves both, as time
 * passing does; {@link #jumpWall} moves the wall clock alone, as a pause, a suspend or a clock step
 * looks to a monotonic clock. A loop on it sleeps until woken (any task it is given) and then runs
 * the timers whose time has come: {@link #settle} does both.
 */
public final class ManualClock extends java.time.Clock implements Clock {
    private volatile long nanos = 1_000_000_000_000L;
    private volatile long wallMillis;

    /** Starts at {@code wall}. */
    public ManualClock(Instant wall) {
        this.wallMillis = wall.toEpochMilli();
    }

    public synchronized void advance(Duration d) {
        nanos += d.toNanos();
        wallMillis += d.toMillis();
    }

    public synchronized void jumpWall(Duration d) {
        wallMillis += d.toMillis();
    }

    @Override
    public long nanos() {
        return nanos;
    }

    @Override
    public long millis() {
        return wallMillis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(wallMillis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(ZoneId zone) {
        return this;
    }

    /**
     * Wakes {@code loop} and returns once it has run every timer due on its clock now: a marker timer
     * due now is queued behind them (timers run by deadline, then in the order they were set).
     */
    public static void settle(EventLoop loop) throws Exception {
        CompletableFuture<Void> ran = new CompletableFuture<>();
        loop.execute(() -> loop.schedule(0, () -> ran.complete(null)));
        ran.get(10, TimeUnit.SECONDS);
    }
}
