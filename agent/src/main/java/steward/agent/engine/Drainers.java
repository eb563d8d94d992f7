package steward.agent.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import steward.agent.logs.DaemonLog;
import steward.agent.os.ExitStatus;
import steward.agent.os.Scheduler;
import steward.agent.os.SignalNames;
import steward.compat.config.ProcessConfig;
import steward.compat.config.Signals;

/**
 * The old processes of socket programs that were told to stop and now finish what they hold (the
 * requests in flight, open WebSockets) while their successor already serves the same held socket.
 * Each was sent its stop signal; it is reaped here, its output still goes to its program's logs,
 * and it gets SIGKILL once {@code drainsecs + stopwaitsecs} have passed. At shutdown the deadline
 * shrinks to {@code stopwaitsecs} from then, and the daemon waits for all of them. Loop thread only.
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

    /** Takes {@code child}, already sent its stop signal, through {@code route}; kills it after its deadline. */
    void adopt(String name, Spawner.Child child, ChildRoute route, ProcessConfig config, Runnable released) {
        Draining d = new Draining(name, child, config, released);
        draining.put(child.pid(), d);
        route.exitTo(status -> exited(d, status));
        long secs = (long) config.container().drainSecs() + config.stopwaitsecs();
        d.kill = scheduler.schedule(secs * 1000L, () -> kill(d));
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
        for (Draining d : draining.values()) {
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
        d.child.signal(SignalNames.SIGKILL, d.config.killasgroup());
    }

    private void exited(Draining d, int waitStatus) {
        d.kill.cancel();
        draining.remove(d.child.pid());
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
