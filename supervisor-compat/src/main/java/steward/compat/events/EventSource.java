package steward.compat.events;

/**
 * Where the engine's events can be heard. A subscriber gets every event published after it
 * subscribed whose type is one of {@code types} or a subtype of one (none given: every event), in
 * the order the engine published them, each exactly once, unless its queue overflowed.
 */
public interface EventSource {
    Subscription subscribe(EventSubscriber subscriber, Delivery delivery, EventType... types);

    /** How events reach a subscriber. */
    record Delivery(String name, boolean onLoop, int capacity) {
        public Delivery {
            if (!onLoop && capacity < 1) {
                throw new IllegalArgumentException("a queued subscriber needs a capacity of at least 1");
            }
        }

        /**
         * Called on the engine's thread as the event is published: the subscriber sees the engine in
         * exactly the state the event reports, and may call the engine, but must never block.
         */
        public static Delivery onLoop(String name) {
            return new Delivery(name, true, 0);
        }

        /**
         * Queued for the subscriber (at most {@code capacity} waiting; more are dropped, counted and
         * logged) and delivered on the agent's one event dispatcher thread, shared by every queued
         * subscriber: a slow subscriber delays the other queued ones, never the engine.
         */
        public static Delivery queued(String name, int capacity) {
            return new Delivery(name, false, capacity);
        }
    }
}
