package steward.agent.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import steward.agent.logs.DaemonLog;
import steward.agent.os.Errno;
import steward.agent.os.ExitStatus;
import steward.agent.os.Scheduler;
import steward.compat.config.Signals;
import steward.compat.config.ProcessConfig;

/**
 * The old processes of socket programs that were told to stop and now finish what they hold (the
 * requests in flight, open WebSockets) while their successor already serves the same held socket.
 * Each gets its stop signal at once, or, when a hook holds it ({@link ProcessHooks#holdStop}: a
 * server that does not drain itself keeps its open keep-alive connections), once the hook lets go,
 * {@code drainsecs} passed or the daemon stops. It is reaped here, its output still goes to its
 * program's logs, and it gets SIGKILL once {@code drainsecs + stopwaitsecs} have passed. At shutdown
 * the deadline shrinks to {@code stopwaitsecs} from then, and the daemon waits for all of them.
 * Loop thread only.
 */
final class Drainers {
    private final Scheduler scheduler;
    private final DaemonLog log;
    private final GroupWatchdog watchdog;
    private final Map<Integer, Draining> draining = new LinkedHashMap<>();
    private CompletableFuture<Void> empty;

    /** One detached child; {@code released} runs once it exited (its logs are let go). */
    private static final class Draining {
        final String name;
        final Spawner.Child child;
        final ProcessConfig config;
        final Runnable released;
        Scheduler.Cancellable kill;
        CompletableFuture<Void> hold;
        boolean signalled;

        Draining(String name, Spawner.Child child, ProcessConfig config, Runnable released) {
            this.name = name;
            this.child = child;
            this.config = config;
            this.released = released;
        }
    }

    Drainers(Scheduler scheduler, DaemonLog log, GroupWatchdog watchdog) {
        this.scheduler = scheduler;
        this.log = log;
        this.watchdog = watchdog;
    }

    /**
     * Takes {@code child} through {@code route}, sends its stop signal once {@code hold} completes (on
     * the loop thread) or {@code drainsecs} passed, and kills it after its deadline.
     */
    void adopt(String name, Spawner.Child child, ChildRoute route, ProcessConfig config, Runnable released,
            CompletableFuture<Void> hold) {
        Draining d = new Draining(name, child, config, released);
        draining.put(child.pid(), d);
        route.exitTo(status -> exited(d, status));
        int drainSecs = config.container().drainSecs();
        d.kill = scheduler.schedule(((long) drainSecs + config.stopwaitsecs()) * 1000L, () -> kill(d));
        if (hold.isDone()) {
            stopSignal(d, ", may finish its open connections for up to " + drainSecs + " s");
            return;
        }
        d.hold = hold;
        log.info("draining: '" + name + "' (" + child.pid() + ") keeps its open connections; its stop signal waits"
                + " until they end, at most " + drainSecs + " s");
        Scheduler.Cancellable late = scheduler.schedule(drainSecs * 1000L,
                () -> stopSignal(d, " after drainsecs (" + drainSecs + " s)"));
        hold.thenRun(() -> {
            late.cancel();
            stopSignal(d, ": its connections ended");
        });
    }

    private void stopSignal(Draining d, String why) {
        if (d.signalled || draining.get(d.child.pid()) != d) {
            return;
        }
        d.signalled = true;
        if (d.hold != null) {
            d.hold.cancel(false); // a hook still waiting stops waiting
        }
        int signo = d.config.stopsignal().number();
        int rc = d.child.signal(signo, d.config.stopasgroup());
        if (rc != 0 && rc != Errno.ESRCH) {
            log.warn("unable to signal " + d.name + " (pid " + d.child.pid() + "): " + Errno.name(rc));
        }
        log.info("draining: '" + d.name + "' (" + d.child.pid() + ") sent " + Signals.signame(signo) + why);
    }

    int count() {
        return draining.size();
    }

    /**
     * The daemon stops: every draining process gets at most its {@code stopwaitsecs} from now, then
     * SIGKILL. Completes once none is left.
     */
    CompletableFuture<Void> shutdown() {
        if (draining.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        for (Draining d : List.copyOf(draining.values())) {
            stopSignal(d, " (the daemon stops)");
            d.kill.cancel();
            d.kill = scheduler.schedule(d.config.stopwaitsecs() * 1000L, () -> kill(d));
        }
        log.info("waiting for " + draining.size() + " draining process(es) to finish");
        if (empty == null) {
            empty = new CompletableFuture<>();
        }
        return empty;
    }

    private void kill(Draining d) {
        if (draining.get(d.child.pid()) != d) {
            return;
        }
        log.warn("killing draining '" + d.name + "' (" + d.child.pid() + ") with SIGKILL");
        d.child.signal(Signals.KILL, d.config.killasgroup());
    }

    private void exited(Draining d, int waitStatus) {
        d.kill.cancel();
        draining.remove(d.child.pid());
        if (d.hold != null) {
            d.hold.cancel(false);
        }
        d.signalled = true;
        if (!d.child.groupAlive()) {
            watchdog.remove(d.child.pid());
        }
        log.info("drained: '" + d.name + "' (" + d.child.pid() + ") "
                + ExitStatus.decode(waitStatus, Signals::signame).message());
        d.child.close();
        d.released.run();
        if (draining.isEmpty() && empty != null) {
            CompletableFuture<Void> e = empty;
            empty = null;
            e.complete(null);
        }
    }
}
