package steward.agent.listeners;

import java.util.HashMap;
import java.util.Map;
import steward.compat.events.EngineEvent;

/**
 * One published event as the pools hold it: Supervisor numbers an event (its "serial", shared by all
 * pools) when the first pool accepts it, and each pool numbers it again (its "poolserial").
 */
final class PoolEvent {
    final EngineEvent event;
    private long serial = -1;
    private final Map<String, Long> poolSerials = new HashMap<>();

    PoolEvent(EngineEvent event) {
        this.event = event;
    }

    /** The global serial, taken from {@code counter} on first use. */
    long serial(Serials counter) {
        if (serial < 0) {
            serial = counter.next();
        }
        return serial;
    }

    long serial() {
        return serial;
    }

    boolean hasPoolSerial(String pool) {
        return poolSerials.containsKey(pool);
    }

    void poolSerial(String pool, long value) {
        poolSerials.put(pool, value);
    }

    long poolSerial(String pool) {
        return poolSerials.get(pool);
    }

    /** A counter from 0, as Supervisor's {@code new_serial}. */
    static final class Serials {
        private long last = -1;

        long next() {
            last = last == Long.MAX_VALUE ? 0 : last + 1;
            return last;
        }
    }
}
