package steward.agent.readiness;

import java.util.List;
import java.util.function.Consumer;
import steward.agent.os.EventLoop;
import steward.compat.config.ReadyCheck;

/**
 * Waits for one started process to become ready by its {@code ready=} check, on the engine's loop:
 * a probe attempt every second (each at most that long, so a hung check never piles up) until one
 * succeeds or {@code ready_timeout} runs out. {@code notify} waits for {@code READY=1} on the
 * process' {@link NotifySocket} instead. Reports once, on the loop: ready, or the last reason.
 */
public final class ReadyWatch {
    private static final long INTERVAL_MS = 1000;

    private final EventLoop loop;
    private final ReadyCheck check;
    private final List<String> env;
    private final String directory;
    private final Runnable onReady;
    private final Consumer<String> onTimeout;
    private final long deadline;
    private Probe probe;
    private HostLookup lookup;
    private EventLoop.Timer next;
    private EventLoop.Timer attemptLimit;
    private EventLoop.Timer overall;
    private String lastReason = "no check finished";
    private boolean finished;

    private ReadyWatch(EventLoop loop, ReadyCheck check, long timeoutMillis, List<String> env, String directory,
            Runnable onReady, Consumer<String> onTimeout) {
        this.loop = loop;
        this.check = check;
        this.env = env;
        this.directory = directory;
        this.onReady = onReady;
        this.onTimeout = onTimeout;
        this.deadline = loop.clock().nanos() + timeoutMillis * 1_000_000L;
    }

    /**
     * Starts watching. Loop thread. {@code notify} needs the process' socket; the others ignore it.
     *
     * @param env the process' environment (for exec checks)
     * @param onTimeout gets "not ready after N s: last reason"
     */
    public static ReadyWatch start(EventLoop loop, ReadyCheck check, long timeoutMillis, NotifySocket notify,
            List<String> env, String directory, Runnable onReady, Consumer<String> onTimeout) {
        ReadyWatch w = new ReadyWatch(loop, check, timeoutMillis, env, directory, onReady, onTimeout);
        w.overall = loop.schedule(timeoutMillis, () -> w.timedOut(timeoutMillis));
        if (check instanceof ReadyCheck.Notify) {
            w.lastReason = "no READY=1 on NOTIFY_SOCKET";
            notify.onReady(w::ready);
        } else {
            w.attempt();
        }
        return w;
    }

    private Probe probe() {
        if (check instanceof ReadyCheck.Tcp t) {
            return new ConnectProbe(lookup(t.host()), t.port(), null);
        }
        if (check instanceof ReadyCheck.Http h) {
            return new ConnectProbe(lookup(h.host()), h.port(), h.path());
        }
        return new ExecProbe(((ReadyCheck.Exec) check).command(), env, directory);
    }

    /** One lookup of the check's host for the whole watch, off the loop (issue 24 item 7). */
    private HostLookup lookup(String host) {
        if (lookup == null) {
            lookup = new HostLookup(java.net.InetAddress::getByName, host);
        }
        return lookup;
    }

    private void attempt() {
        if (finished) {
            return;
        }
        long started = loop.clock().nanos();
        probe = probe();
        attemptLimit = loop.schedule(INTERVAL_MS, () -> {
            probe.cancel();
            lastReason = "check took longer than " + INTERVAL_MS + " ms";
            again(started);
        });
        probe.start(loop, reason -> {
            attemptLimit.cancel();
            if (reason == null) {
                ready();
            } else {
                lastReason = reason;
                again(started);
            }
        });
    }

    private void again(long started) {
        if (finished) {
            return;
        }
        long waited = (loop.clock().nanos() - started) / 1_000_000;
        long left = (deadline - loop.clock().nanos()) / 1_000_000;
        if (left <= 0) {
            return;
        }
        next = loop.schedule(Math.min(left, Math.max(0, INTERVAL_MS - waited)), this::attempt);
    }

    private void ready() {
        if (finished) {
            return;
        }
        stop();
        onReady.run();
    }

    private void timedOut(long timeoutMillis) {
        if (finished) {
            return;
        }
        stop();
        String secs = timeoutMillis % 1000 == 0 ? Long.toString(timeoutMillis / 1000) : Double.toString(timeoutMillis / 1000.0);
        onTimeout.accept("not ready after " + secs + " s: " + lastReason);
    }

    /** Stops watching without reporting (the process stopped or exited). Loop thread. */
    public void stop() {
        finished = true;
        for (EventLoop.Timer t : new EventLoop.Timer[] {next, attemptLimit, overall}) {
            if (t != null) {
                t.cancel();
            }
        }
        if (probe != null) {
            probe.cancel();
        }
    }
}
