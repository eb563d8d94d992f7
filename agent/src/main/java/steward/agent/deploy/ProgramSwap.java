package steward.agent.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import steward.compat.api.Fault;
import steward.compat.api.ProcessControl;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessRef;
import steward.compat.api.RpcFault;
import steward.compat.config.GroupConfig;
import steward.compat.config.ProcessConfig;

/**
 * Replaces the engine's program set through the control interface alone, as {@code supervisorctl
 * update} would: stop every process (each with its stopsignal, stopwaitsecs, then SIGKILL, all done
 * by the engine, whose pumps keep reading the old output until each process exits), remove the
 * groups, re-read the configuration, add (and so autostart) every configured group. Waiting for
 * the stops is awaiting the engine's view ({@link ProgramWatch}), not polling.
 */
final class ProgramSwap {
    private final ProcessControl engine;
    private final ProgramWatch watch;

    ProgramSwap(ProcessControl engine, ProgramWatch watch) {
        this.engine = engine;
        this.watch = watch;
    }

    /** Stops every process of every active group and waits until all are stopped. */
    void stopAll() throws InterruptedException {
        stop(null);
    }

    /** Stops every process of the named active groups (all when null) and waits until they are stopped. */
    void stop(Set<String> only) throws InterruptedException {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        int longestWait = 0;
        for (GroupConfig g : engine.view().configured()) {
            for (ProcessConfig p : g.processes()) {
                longestWait = Math.max(longestWait, p.stopwaitsecs());
            }
        }
        for (ProcessInfo i : engine.view().allProcessInfo()) {
            if (i.state().isRunning() && (only == null || only.contains(i.group()))) {
                stops.add(engine.stop(new ProcessRef(i.group(), i.name()), true));
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(longestWait + 10L).toNanos();
        for (CompletableFuture<Void> f : stops) {
            try {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                // a fault (it went away) or a timeout; the engine's events decide below
            }
        }
        watch.await(v -> v.programs().stream().filter(i -> only == null || only.contains(i.group()))
                .allMatch(i -> i.state().isStopped()), deadline, new CompletableFuture<>());
    }

    /** Removes every active group (all must be stopped). */
    void removeAll() {
        remove(activeGroups());
    }

    /** The groups the engine runs now. */
    Set<String> activeGroups() {
        Set<String> groups = new LinkedHashSet<>();
        for (ProcessInfo i : engine.view().allProcessInfo()) {
            groups.add(i.group());
        }
        return groups;
    }

    /** Removes the named active groups (each must be stopped). */
    void remove(Set<String> groups) {
        for (String g : groups) {
            try {
                engine.removeGroup(g);
            } catch (RpcFault e) {
                if (e.fault() != Fault.BAD_NAME) {
                    throw new IllegalStateException("cannot remove group " + g + ": " + e.faultString(), e);
                }
            }
        }
    }

    /** Re-reads the configuration and adds every configured group; the engine autostarts them. */
    void addAll() throws RpcFault {
        engine.reread();
        for (GroupConfig g : engine.view().configured()) {
            if (!engine.view().isActive(g.name())) {
                engine.addGroup(g.name());
            }
        }
    }
}
