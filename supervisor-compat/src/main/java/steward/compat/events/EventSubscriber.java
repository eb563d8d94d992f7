package steward.compat.events;

/**
 * Hears the engine's events in order. A subscriber registered as "on the loop" runs on the engine's
 * thread and must not block; any other gets its events from a bounded queue of its own, so a slow
 * one never holds up the engine (what overflows is counted and logged, not waited for).
 */
@FunctionalInterface
public interface EventSubscriber {
    void onEvent(EngineEvent.Published event);
}
