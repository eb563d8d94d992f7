package steward.agent.events;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import steward.agent.logs.DaemonLog;
import steward.compat.events.EngineEvent;
import steward.compat.events.EventSource;
import steward.compat.events.EventSubscriber;
import steward.compat.events.EventType;
import steward.compat.events.Subscription;

/**
 * The engine's one ordered event stream. {@link #publish} runs on the engine's loop thread and
 * numbers each event; on-loop subscribers hear it at once, queued ones through the shared
 * {@link Dispatcher}. An event published while subscribers are still hearing an earlier one (a
 * subscriber that starts a process, say) waits its turn, so every subscriber sees one order.
 * Subscribing and closing work from any thread.
 */
public final class EventBus implements EventSource {
    private final DaemonLog log;
    private final BooleanSupplier onLoopThread;
    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final ArrayDeque<EngineEvent.Published> pending = new ArrayDeque<>();
    private final Dispatcher dispatcher;
    private long serial;
    private boolean delivering;

    /** @param onLoopThread true on the engine's loop thread (publish is checked against it) */
    public EventBus(DaemonLog log, BooleanSupplier onLoopThread) {
        this.log = log;
        this.onLoopThread = onLoopThread;
        this.dispatcher = new Dispatcher(log);
    }

    private record Entry(EventSubscriber subscriber, EventType[] types, Queued queue, SubscriptionHandle handle) {
        boolean wants(EventType type) {
            if (types.length == 0) {
                return true;
            }
            for (EventType t : types) {
                if (type.isA(t)) {
                    return true;
                }
            }
            return false;
        }
    }

    @Override
    public Subscription subscribe(EventSubscriber subscriber, Delivery delivery, EventType... types) {
        Queued queue = delivery.onLoop() ? null : dispatcher.add(delivery, subscriber);
        SubscriptionHandle handle = new SubscriptionHandle(queue);
        Entry e = new Entry(subscriber, types.clone(), queue, handle);
        handle.remove = () -> {
            entries.remove(e);
            if (queue != null) {
                dispatcher.remove(queue);
            }
        };
        entries.add(e);
        return handle;
    }

    /** True when some subscriber wants events of {@code type} (so the engine may skip making them). */
    public boolean wanted(EventType type) {
        for (Entry e : entries) {
            if (e.wants(type)) {
                return true;
            }
        }
        return false;
    }

    /** Numbers {@code event} and delivers it, after any event still being delivered. Loop thread only. */
    public void publish(EngineEvent event) {
        if (!onLoopThread.getAsBoolean()) {
            throw new IllegalStateException("engine events are published on the engine's loop thread");
        }
        pending.add(new EngineEvent.Published(++serial, event));
        if (delivering) {
            return;
        }
        delivering = true;
        try {
            EngineEvent.Published next;
            while ((next = pending.poll()) != null) {
                deliver(next);
            }
        } finally {
            delivering = false;
        }
    }

    private void deliver(EngineEvent.Published p) {
        EventType type = p.event().type();
        for (Entry e : entries) {
            if (!e.wants(type)) {
                continue;
            }
            if (e.queue != null) {
                e.queue.offer(p);
                continue;
            }
            try {
                e.subscriber.onEvent(p);
            } catch (RuntimeException ex) {
                log.error("event subscriber failed on " + type + ": " + ex);
            }
        }
    }

    /** Stops the dispatcher thread (queued events not yet delivered are dropped). */
    public void close() {
        dispatcher.close();
    }

    private static final class SubscriptionHandle implements Subscription {
        private final Queued queue;
        private Runnable remove;

        SubscriptionHandle(Queued queue) {
            this.queue = queue;
        }

        @Override
        public long dropped() {
            return queue == null ? 0 : queue.dropped();
        }

        @Override
        public void close() {
            remove.run();
        }
    }
}
