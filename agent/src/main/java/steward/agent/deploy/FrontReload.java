package steward.agent.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import steward.compat.api.ProcessControl;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessRef;
import steward.compat.api.RpcFault;
import steward.compat.config.Signals;

/**
 * The programs a redeploy keeps running (nginx), reloaded with SIGHUP only when what they read
 * changed (the releases' front digests differ): nginx then starts new workers on the new
 * configuration and lets the old ones finish their requests. A reload is confirmed by the new
 * workers (nginx starts them only once it read and opened the new configuration; one that refuses
 * it keeps only its old workers), which the OS tells: they are not the engine's children.
 * A redeploy that changes nothing nginx reads never signals it, so none of its keep-alive
 * connections is closed.
 */
final class FrontReload {
    private static final long POLL_MS = 20;
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private final ProcessControl engine;

    FrontReload(ProcessControl engine) {
        this.engine = engine;
    }

    /** Reloads the running processes of {@code groups}; null when each started new workers, else what went wrong. */
    String reload(Set<String> groups, Duration timeout) throws InterruptedException {
        List<Long> oldWorkers = new ArrayList<>();
        List<Long> reloaded = new ArrayList<>();
        for (ProcessInfo i : engine.view().allProcessInfo()) {
            if (groups.contains(i.group()) && i.state().isRunning()) {
                oldWorkers.addAll(children(i.pid()));
                try {
                    engine.signal(new ProcessRef(i.group(), i.name()), Signals.HUP);
                    reloaded.add((long) i.pid());
                } catch (RpcFault e) {
                    // it stopped meanwhile; autorestart brings it back on the new configuration
                }
            }
        }
        return awaitNewWorkers(reloaded, oldWorkers, timeout) ? null
                : "nginx did not reload onto the new configuration (no new worker started; its error log says why)";
    }

    /** The process's children now (nginx's workers: not the engine's children, so asked of the OS). */
    private static List<Long> children(long pid) {
        return ProcessHandle.of(pid).map(h -> h.children().map(ProcessHandle::pid).toList()).orElse(List.of());
    }

    private static boolean awaitNewWorkers(List<Long> masters, List<Long> oldWorkers, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + Math.min(timeout.toNanos(), MAX_WAIT.toNanos());
        for (long master : masters) {
            while (children(master).stream().allMatch(oldWorkers::contains)) {
                if (System.nanoTime() > deadline || ProcessHandle.of(master).map(h -> !h.isAlive()).orElse(true)) {
                    return false;
                }
                Thread.sleep(POLL_MS);
            }
        }
        return true;
    }
}
