package steward.agent.os;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.Closeable;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * One thread, one epoll: child pipes, pidfds and timers are all served here, so the thread count
 * does not grow with the number of programs. Every engine state change runs on this thread;
 * other threads hand work in with {@link #execute}, {@link #call} or {@link #callAndWait}.
 */
public final class EventLoop implements Closeable, Scheduler {
    private static final boolean PACKED_EVENT = Platform.isIntel() && Platform.is64Bit();
    private static final int EVENT_SIZE = PACKED_EVENT ? 12 : 16;
    private static final int DATA_OFFSET = PACKED_EVENT ? 4 : 8;
    private static final int MAX_EVENTS = 256;

    private final int epfd;
    private final int wakeFd;
    private final Memory events = new Memory((long) EVENT_SIZE * MAX_EVENTS);
    private final Memory ctlEvent = new Memory(EVENT_SIZE);
    private final Memory wakeBuf = new Memory(8);
    private final Memory wakeOne = new Memory(8);
    private final Map<Integer, Registration> registrations = new HashMap<>();
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    /** The loop's thread: its own, or the caller of {@link #runHere()} once it is in the loop. */
    private volatile Thread thread;
    private final Clock clock;
    private volatile boolean running = true;
    private int generation;
    private long timerSeq;

    private record Registration(int generation, IntConsumer handler) {
    }

    /** A scheduled task; {@link #cancel()} it from the loop thread. */
    public static final class Timer implements Comparable<Timer>, Scheduler.Cancellable {
        private final long deadlineNanos;
        private final long seq;
        private final Runnable task;
        private boolean cancelled;

        private Timer(long deadlineNanos, long seq, Runnable task) {
            this.deadlineNanos = deadlineNanos;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(deadlineNanos, o.deadlineNanos);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    public EventLoop(String name) {
        this(name, Clock.SYSTEM);
    }

    /** A loop whose timers run on {@code clock}. */
    public EventLoop(String name, Clock clock) {
        this.clock = clock;
        epfd = LibC.epoll_create1(LibC.EPOLL_CLOEXEC);
        if (epfd < 0) {
            throw new IllegalStateException("epoll_create1: " + Errno.name(Native.getLastError()));
        }
        wakeFd = LibC.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
        if (wakeFd < 0) {
            throw new IllegalStateException("eventfd: " + Errno.name(Native.getLastError()));
        }
        wakeOne.setLong(0, 1);
        register(wakeFd, LibC.EPOLLIN, ev -> LibC.read(wakeFd, wakeBuf, 8));
        thread = new Thread(this::run, name);
        thread.setDaemon(false);
    }

    public void start() {
        thread.start();
    }

    /**
     * Runs the loop on the calling thread (instead of {@link #start()}) until {@link #stop()}: a
     * daemon's {@code main}, which would otherwise only wait, saves a thread. Work handed in before
     * waits in the inbox; nothing may wait for the loop on this thread before calling this.
     */
    public void runHere() {
        thread = Thread.currentThread();
        run();
    }

    /** The clock this loop's timers run on. */
    @Override
    public Clock clock() {
        return clock;
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Watches {@code fd} for {@code events} (level-triggered); the handler gets the ready mask. Loop thread only. */
    public void register(int fd, int events, IntConsumer handler) {
        int gen = ++generation;
        ctlEvent.setInt(0, events);
        ctlEvent.setLong(DATA_OFFSET, ((long) gen << 32) | (fd & 0xffffffffL));
        if (LibC.epoll_ctl(epfd, LibC.EPOLL_CTL_ADD, fd, ctlEvent) != 0) {
            throw new IllegalStateException("epoll_ctl ADD " + fd + ": " + Errno.name(Native.getLastError()));
        }
        registrations.put(fd, new Registration(gen, handler));
    }

    /** Stops watching {@code fd} (does not close it). Loop thread only. */
    public void unregister(int fd) {
        if (registrations.remove(fd) != null) {
            LibC.epoll_ctl(epfd, LibC.EPOLL_CTL_DEL, fd, ctlEvent);
        }
    }

    /** Runs {@code task} on the loop thread after {@code delayMillis}. Loop thread only. */
    @Override
    public Timer schedule(long delayMillis, Runnable task) {
        Timer t = new Timer(clock.nanos() + Math.max(0, delayMillis) * 1_000_000L, ++timerSeq, task);
        timers.add(t);
        return t;
    }

    /** Runs {@code task} on the loop thread soon; callable from any thread. */
    public void execute(Runnable task) {
        if (inLoop()) {
            task.run();
            return;
        }
        inbox.add(task);
        wake();
    }

    /** Queues {@code task} to run on a later loop turn, even when called from the loop thread. */
    @Override
    public void defer(Runnable task) {
        inbox.add(task);
        if (!inLoop()) {
            wake();
        }
    }

    /** Runs {@code task} on the loop thread and completes the future with its result. */
    public <T> CompletableFuture<T> call(Callable<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        execute(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /**
     * The result of a task handed to the loop, or IllegalStateException once the loop has stopped
     * without running it: a status call or a scrape that arrives while the daemon ends must not wait
     * for ever (the control server's selector thread could not drain and close).
     */
    private <T> T awaitWhileRunning(CompletableFuture<T> f) throws InterruptedException, ExecutionException {
        boolean lastLook = false;
        while (true) {
            try {
                return f.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (lastLook) {
                    throw new IllegalStateException("the event loop has stopped");
                }
                lastLook = !running; // one more wait: the loop's last turn may be running it now
            }
        }
    }

    /** Runs {@code task} on the loop thread and waits for it; checked exceptions are rethrown as thrown. */
    public <T, E extends Exception> T callAndWait(LoopCallable<T, E> task) throws E {
        if (inLoop()) {
            return task.call();
        }
        CompletableFuture<T> f = call(task::call);
        try {
            return awaitWhileRunning(f);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            @SuppressWarnings("unchecked")
            E checked = (E) cause;
            throw checked;
        }
    }

    /** A task that may throw one checked exception type. */
    @FunctionalInterface
    public interface LoopCallable<T, E extends Exception> {
        T call() throws E;
    }

    private void wake() {
        LibC.write(wakeFd, wakeOne, 8);
    }

    private void run() {
        ArrayDeque<Runnable> due = new ArrayDeque<>();
        while (running) {
            int timeout = nextTimeoutMillis();
            int n = LibC.epoll_wait(epfd, events, MAX_EVENTS, inbox.isEmpty() ? timeout : 0);
            if (n < 0 && Native.getLastError() != Errno.EINTR) {
                throw new IllegalStateException("epoll_wait: " + Errno.name(Native.getLastError()));
            }
            for (int i = 0; i < n; i++) {
                long off = (long) i * EVENT_SIZE;
                int mask = events.getInt(off);
                long data = events.getLong(off + DATA_OFFSET);
                int fd = (int) data;
                Registration r = registrations.get(fd);
                if (r != null && r.generation == (int) (data >>> 32)) {
                    guarded(() -> r.handler.accept(mask));
                }
            }
            Runnable task;
            while ((task = inbox.poll()) != null) {
                guarded(task);
            }
            long now = clock.nanos();
            while (!timers.isEmpty() && timers.peek().deadlineNanos - now <= 0) {
                Timer t = timers.poll();
                if (!t.cancelled) {
                    due.add(t.task);
                }
            }
            while ((task = due.poll()) != null) {
                guarded(task);
            }
        }
    }

    private int nextTimeoutMillis() {
        while (!timers.isEmpty() && timers.peek().cancelled) {
            timers.poll();
        }
        if (timers.isEmpty()) {
            return -1;
        }
        long nanos = timers.peek().deadlineNanos - clock.nanos();
        if (nanos <= 0) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, (nanos + 999_999) / 1_000_000);
    }

    private void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | Error e) {
            Thread.UncaughtExceptionHandler h = Thread.getDefaultUncaughtExceptionHandler();
            if (h != null) {
                h.uncaughtException(thread, e);
            } else {
                e.printStackTrace();
            }
        }
    }

    /** Stops the loop after the current iteration; call from any thread. */
    public void stop() {
        running = false;
        wake();
    }

    public void join() throws InterruptedException {
        thread.join();
    }

    @Override
    public void close() {
        stop();
        if (!inLoop()) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LibC.close(wakeFd);
        LibC.close(epfd);
    }
}
