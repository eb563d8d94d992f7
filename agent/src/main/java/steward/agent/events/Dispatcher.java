package steward.agent.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import steward.agent.logs.DaemonLog;
import steward.compat.events.EventSource;
import steward.compat.events.EventSubscriber;

/**
 * The one thread that delivers events to every queued subscriber, started with the first of
 * them: the daemon pays one thread for all queued subscribers, none when there are none.
 */
final class Dispatcher {
    private final DaemonLog log;
    private final List<Queued> queues = new CopyOnWriteArrayList<>();
    private Thread thread;
    private volatile boolean running = true;

    Dispatcher(DaemonLog log) {
        this.log = log;
    }

    synchronized Queued add(EventSource.Delivery delivery, EventSubscriber subscriber) {
        if (thread == null) {
            thread = new Thread(this::run, "steward-events");
            thread.setDaemon(true);
            thread.start();
        }
        Thread t = thread;
        Queued q = new Queued(delivery, subscriber, log, () -> LockSupport.unpark(t));
        queues.add(q);
        return q;
    }

    void remove(Queued q) {
        queues.remove(q);
    }

    private void run() {
        while (running) {
            boolean any = false;
            for (Queued q : queues) {
                any |= q.deliver();
            }
            if (!any) {
                LockSupport.park(this);
            }
        }
    }

    synchronized void close() {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }
}
