package steward.agent.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The instance's phase as a router sees it: only {@link Phase#READY} may answer 200; every other
 * phase is maintenance, answered 503 with {@code Retry-After} so a router like Hipache does not
 * mark the backend dead. Thread-safe.
 */
public final class DrainGate {
    /** Seconds a router is told to wait before asking again. */
    public static final int RETRY_AFTER_SECONDS = 2;

    /** Where the instance is in its life. */
    public enum Phase {
        /** no release in HOME/current yet (or a broken one): serving the socket, waiting for a deploy */
        WAITING,
        /** programs started, not yet responsive */
        STARTING,
        /** every autostarted program RUNNING and the web port answering HTTP */
        READY,
        /** a deploy is swapping programs */
        REDEPLOYING,
        /** the agent is stopping everything */
        DRAINING;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private volatile Phase phase = Phase.WAITING;
    private final List<Waiter> waiters = new ArrayList<>();

    private record Waiter(Predicate<Phase> test, CompletableFuture<Phase> done) {
    }

    public Phase phase() {
        return phase;
    }

    /**
     * Completes with the phase once {@code test} holds for it (at once when it holds now): how a
     * deploy's wait learns that the agent started shutting down, without looking again and again.
     */
    public synchronized CompletableFuture<Phase> when(Predicate<Phase> test) {
        CompletableFuture<Phase> f = new CompletableFuture<>();
        if (test.test(phase)) {
            f.complete(phase);
        } else {
            waiters.add(new Waiter(test, f));
        }
        return f;
    }

    public synchronized void enter(Phase next) {
        set(next);
    }

    private void set(Phase next) {
        phase = next;
        waiters.removeIf(w -> w.done().isDone() || (w.test().test(next) && w.done().complete(next)));
    }

    /** Moves to {@code next} unless the agent is already draining (a shutdown wins over everything). */
    public synchronized boolean enterUnlessDraining(Phase next) {
        if (phase == Phase.DRAINING) {
            return false;
        }
        set(next);
        return true;
    }

    /** Moves from {@code expected} to {@code next}; false when the phase was something else. */
    public synchronized boolean advance(Phase expected, Phase next) {
        if (phase != expected) {
            return false;
        }
        set(next);
        return true;
    }

    public synchronized void drain() {
        set(Phase.DRAINING);
    }
}
