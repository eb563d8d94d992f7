package steward.agent.deploy;

import java.util.Locale;

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
        /** every autostarted program RUNNING and the web port accepting */
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

    public Phase phase() {
        return phase;
    }

    public void enter(Phase next) {
        this.phase = next;
    }

    /** Moves to {@code next} unless the agent is already draining (a shutdown wins over everything). */
    public synchronized boolean enterUnlessDraining(Phase next) {
        if (phase == Phase.DRAINING) {
            return false;
        }
        phase = next;
        return true;
    }

    /** Moves from {@code expected} to {@code next}; false when the phase was something else. */
    public synchronized boolean advance(Phase expected, Phase next) {
        if (phase != expected) {
            return false;
        }
        phase = next;
        return true;
    }

    public synchronized void drain() {
        phase = Phase.DRAINING;
    }
}
