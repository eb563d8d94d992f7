package steward.agent.os;

/**
 * Timers and deferred tasks on one thread, on one clock: what the engine's process state machine
 * needs of its event loop. {@link EventLoop} is the real one; tests drive a hand-moved one.
 */
public interface Scheduler {
    /** Runs {@code task} after {@code delayMillis} on the scheduler's clock. */
    Cancellable schedule(long delayMillis, Runnable task);

    /** Runs {@code task} on a later turn, after the current task. */
    void defer(Runnable task);

    Clock clock();

    /** A scheduled task that can still be called off. */
    interface Cancellable {
        void cancel();
    }
}
