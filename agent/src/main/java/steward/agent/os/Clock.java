package steward.agent.os;

/**
 * Time, as the event loop and the engine read it: a monotonic clock for intervals and deadlines,
 * and the wall clock for what is reported (start and stop times, tick stamps). Tests inject a
 * clock they move by hand, so timer logic runs in no real time.
 */
public interface Clock {
    /** Monotonic nanoseconds (only differences mean anything). */
    long nanos();

    /** Milliseconds since the epoch. */
    long millis();

    Clock SYSTEM = new Clock() {
        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public long millis() {
            return System.currentTimeMillis();
        }
    };
}
