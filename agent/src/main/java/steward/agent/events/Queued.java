package steward.agent.events;

import java.util.ArrayDeque;
import steward.agent.logs.DaemonLog;
import steward.compat.events.EngineEvent;
import steward.compat.events.EventSource;
import steward.compat.events.EventSubscriber;

/**
 * One queued subscriber's bounded queue. The engine's thread offers (never waits); the
 * dispatcher thread takes. When the queue is full the event is dropped and counted; the first
 * drop of a run is logged, and the count once the subscriber catches up.
 */
final class Queued {
    private final EventSource.Delivery delivery;
    private final EventSubscriber subscriber;
    private final DaemonLog log;
    private final Runnable wake;
    private final ArrayDeque<EngineEvent.Published> queue = new ArrayDeque<>();
    private long dropped;
    private long droppedInRun;

    Queued(EventSource.Delivery delivery, EventSubscriber subscriber, DaemonLog log, Runnable wake) {
        this.delivery = delivery;
        this.subscriber = subscriber;
        this.log = log;
        this.wake = wake;
    }

    void offer(EngineEvent.Published event) {
        boolean first;
        synchronized (this) {
            if (queue.size() < delivery.capacity()) {
                queue.add(event);
                first = queue.size() == 1;
            } else {
                dropped++;
                if (++droppedInRun == 1) {
                    log.warn("event subscriber '" + delivery.name() + "' is behind: its queue of "
                            + delivery.capacity() + " is full, events are dropped");
                }
                return;
            }
        }
        if (first) {
            wake.run();
        }
    }

    /** Delivers what is queued now; returns true when it delivered anything. Dispatcher thread only. */
    boolean deliver() {
        boolean any = false;
        while (true) {
            EngineEvent.Published next;
            long lost = 0;
            synchronized (this) {
                next = queue.poll();
                if (next == null && droppedInRun > 0) {
                    lost = droppedInRun;
                    droppedInRun = 0;
                }
            }
            if (lost > 0) {
                log.warn("event subscriber '" + delivery.name() + "' caught up after dropping " + lost + " events");
            }
            if (next == null) {
                return any;
            }
            any = true;
            try {
                subscriber.onEvent(next);
            } catch (RuntimeException e) {
                log.error("event subscriber '" + delivery.name() + "' failed on " + next.event().type() + ": " + e);
            }
        }
    }

    synchronized long dropped() {
        return dropped;
    }
}
