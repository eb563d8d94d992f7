package steward.compat.events;

/** A subscription to the engine's events; {@link #close()} ends it (from any thread). */
public interface Subscription extends AutoCloseable {
    /** Events that did not fit the subscriber's queue and were dropped (0 for an on-loop subscriber). */
    long dropped();

    @Override
    void close();
}
