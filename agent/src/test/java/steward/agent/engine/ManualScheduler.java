package steward.agent.engine;

import java.util.ArrayDeque;
import java.util.PriorityQueue;
import steward.agent.os.Clock;
import steward.agent.os.Scheduler;

/** A scheduler on a clock the test moves: timers run when {@link #advance} passes their deadline. */
final class ManualScheduler implements Scheduler, Clock {
    private long nanos = 1_000_000_000_000L;
    private long millis = 1_700_000_000_000L;
    private long seq;
    private final PriorityQueue<Task> timers = new PriorityQueue<>();
    private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();

    private final class Task implements Comparable<Task>, Cancellable {
        final long due;
        final long order = ++seq;
        final Runnable body;
        boolean cancelled;

        Task(long due, Runnable body) {
            this.due = due;
            this.body = body;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        Task t = new Task(nanos + Math.max(0, delayMillis) * 1_000_000L, task);
        timers.add(t);
        return t;
    }

    @Override
    public void defer(Runnable task) {
        deferred.add(task);
    }

    @Override
    public Clock clock() {
        return this;
    }

    @Override
    public long nanos() {
        return nanos;
    }

    @Override
    public long millis() {
        return millis;
    }

    /** Moves time on without running anything (the loop has not turned yet). */
    void skip(long ms) {
        nanos += ms * 1_000_000L;
        millis += ms;
    }

    /** Moves time on by {@code ms}, running each timer at its deadline, then deferred tasks. */
    void advance(long ms) {
        long end = nanos + ms * 1_000_000L;
        while (!timers.isEmpty() && timers.peek().due <= end) {
            Task t = timers.poll();
            if (!t.cancelled) {
                long step = t.due - nanos;
                if (step > 0) {
                    skip(step / 1_000_000L);
                }
                t.body.run();
            }
            runDeferred();
        }
        long rest = end - nanos;
        if (rest > 0) {
            skip(rest / 1_000_000L);
        }
        runDeferred();
    }

    void runDeferred() {
        Runnable r;
        while ((r = deferred.poll()) != null) {
            r.run();
        }
    }

    /** True when a live timer is pending. */
    boolean pending() {
        return timers.stream().anyMatch(t -> !t.cancelled);
    }
}
