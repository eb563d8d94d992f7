package steward.agent.deploy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import steward.builder.ReleaseView;
import steward.compat.api.ConfigDiff;
import steward.compat.api.ProcessControl;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.api.RpcFault;
import steward.compat.config.GroupConfig;

/**
 * A redeploy where nginx fronts the app without a dropped request: the programs both releases
 * mark as reloadable in place (nginx) and whose configuration is unchanged keep running; the new
 * release's app server (its own program name and unix socket) starts beside the old one; once it
 * is RUNNING, nginx gets SIGHUP and reloads onto the new socket (old workers finish their
 * requests); then the old app server is told to stop (its removal waits until the deploy is
 * reported, uWSGI takes a second to exit), and the user's programs are stopped and started from
 * the new release. If the new app server does not come up, it is removed and
 * the old release's configuration is read back: nothing that served was touched.
 */
final class Handover {
    private static final int SIGHUP = 1;
    private static final long POLL_MS = 20;

    private final ProcessControl engine;
    private final ProgramSwap swap;
    private final ProgramWatch watch;
    private final ProgramSource source;

    Handover(ProcessControl engine, ProgramSwap swap, ProgramWatch watch, ProgramSource source) {
        this.engine = engine;
        this.swap = swap;
        this.watch = watch;
        this.source = source;
    }

    /** Both releases have programs to keep: a handover is worth trying. */
    static boolean applies(Optional<ReleaseView> from, ReleaseView to) {
        return from.isPresent() && !to.reloadInPlace().isEmpty() && from.get().reloadInPlace().equals(to.reloadInPlace());
    }

    /** What a handover did: not applicable (nothing kept), failed before anything serving changed, or done. */
    enum Outcome { NOT_APPLICABLE, FAILED, DONE }

    /** @param retire the old app server's groups, stopping: {@link #retire} them once the deploy is reported */
    record Result(Outcome outcome, String problem, Set<String> retire) {
        Result(Outcome outcome, String problem) {
            this(outcome, problem, Set.of());
        }
    }

    Result run(Optional<ReleaseView> from, ReleaseView to, Duration timeout, BooleanSupplier abort) throws InterruptedException {
        Set<String> active = swap.activeGroups();
        source.select(Optional.of(to));
        ConfigDiff diff;
        try {
            diff = engine.reread();
        } catch (RpcFault e) {
            source.select(from);
            return new Result(Outcome.FAILED, "cannot load its programs: " + e.faultString());
        }
        Set<String> configured = new LinkedHashSet<>();
        for (GroupConfig g : engine.view().configured()) {
            configured.add(g.name());
        }
        Set<String> kept = new LinkedHashSet<>(to.reloadInPlace());
        kept.retainAll(active);
        kept.retainAll(configured);
        kept.removeAll(diff.changed());
        if (kept.isEmpty()) {
            return new Result(Outcome.NOT_APPLICABLE, null);
        }
        Set<String> fresh = new LinkedHashSet<>(configured);
        fresh.removeAll(active);
        if (fresh.isEmpty()) {
            // the new app server has the old one's name (a release built while another was live):
            // it cannot start beside it, so this is an ordinary swap
            return new Result(Outcome.NOT_APPLICABLE, null);
        }
        String problem = null;
        try {
            for (String g : fresh) {
                engine.addGroup(g);
            }
            problem = awaitRunning(fresh, timeout, abort);
        } catch (RpcFault e) {
            problem = "cannot start its programs: " + e.faultString();
        }
        if (problem != null) {
            return giveUp(fresh, from, problem);
        }
        List<Long> oldWorkers = new ArrayList<>();
        List<Long> reloaded = new ArrayList<>();
        for (String g : kept) {
            for (ProcessInfo i : engine.view().allProcessInfo()) {
                if (i.group().equals(g) && i.state().isRunning()) {
                    oldWorkers.addAll(children(i.pid()));
                    try {
                        engine.signal(new ProcessRef(i.group(), i.name()), SIGHUP);
                        reloaded.add((long) i.pid());
                    } catch (RpcFault e) {
                        // it stopped meanwhile; autorestart brings it back on the new configuration
                    }
                }
            }
        }
        if (!awaitNewWorkers(reloaded, oldWorkers, timeout)) {
            // nginx refused the new configuration and kept the old one, which still points at the
            // old app server: leave both serving and give the new one up
            return giveUp(fresh, from, "nginx did not reload onto the new configuration (no new worker "
                    + "started; its error log says why); the old release keeps serving");
        }
        awaitGone(oldWorkers, timeout);
        Set<String> restart = new LinkedHashSet<>(active);
        restart.removeAll(kept);
        Set<String> retire = new LinkedHashSet<>(restart);
        retire.removeAll(configured);
        restart.retainAll(configured);
        for (ProcessInfo i : engine.view().allProcessInfo()) {
            if (retire.contains(i.group()) && i.state().isRunning()) {
                engine.stop(new ProcessRef(i.group(), i.name()), false);
            }
        }
        swap.stop(restart);
        swap.remove(restart);
        try {
            swap.addAll();
        } catch (RpcFault e) {
            return new Result(Outcome.DONE, "cannot start its programs: " + e.faultString(), retire);
        }
        return new Result(Outcome.DONE, null, retire);
    }

    /** Stops and removes the new app server's groups and reads the old configuration back: FAILED with {@code problem}. */
    private Result giveUp(Set<String> fresh, Optional<ReleaseView> from, String problem) throws InterruptedException {
        swap.stop(fresh);
        swap.remove(fresh);
        source.select(from);
        try {
            engine.reread();
        } catch (RpcFault e) {
            problem += "; and the previous configuration could not be read back: " + e.faultString();
        }
        return new Result(Outcome.FAILED, problem);
    }

    /** Waits for the old app server's groups to stop and removes them (after the deploy was reported). */
    void retire(Set<String> groups) throws InterruptedException {
        Set<String> left = new LinkedHashSet<>(groups);
        left.retainAll(swap.activeGroups());
        swap.stop(left);
        swap.remove(left);
    }

    /**
     * The reloaded program's children before the reload (nginx's workers): they finish the requests
     * they hold, possibly on the old app server, and exit; only then may the old app server stop.
     */
    private static List<Long> children(long pid) {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    if (Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ", 3)[1]) == pid) {
                        out.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to wait for
        }
        return out;
    }

    /**
     * A reload is confirmed by the reloaded masters' new workers: nginx starts them only once the
     * new configuration was read and opened; one that refuses it keeps only its old workers.
     */
    private static boolean awaitNewWorkers(List<Long> masters, List<Long> oldWorkers, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + Math.min(timeout.toNanos(), Duration.ofSeconds(10).toNanos());
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

    private static void awaitGone(List<Long> pids, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && pids.stream().anyMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive)
                .orElse(false))) {
            Thread.sleep(POLL_MS);
        }
    }

    /** Null once every process of {@code groups} is RUNNING; else what went wrong. Woken by the engine's events. */
    private String awaitRunning(Set<String> groups, Duration timeout, BooleanSupplier abort) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ProgramWatch.View v = watch.await(view -> verdict(view, groups) != null, deadline, abort);
        String verdict = verdict(v, groups);
        if (verdict == null) {
            return abort.getAsBoolean() ? "the agent is shutting down"
                    : "its new programs were not RUNNING after " + timeout.toSeconds() + " s";
        }
        return verdict.isEmpty() ? null : verdict;
    }

    /** "" when every process of {@code groups} is RUNNING, what went wrong when one gave up, null while waiting. */
    private static String verdict(ProgramWatch.View view, Set<String> groups) {
        boolean all = true;
        boolean any = false;
        for (ProcessInfo i : view.programs()) {
            if (!groups.contains(i.group())) {
                continue;
            }
            any = true;
            if (i.state() == ProcessState.FATAL || i.state() == ProcessState.EXITED) {
                return "program " + i.name() + " exited (" + i.state() + ")";
            }
            all &= i.state() == ProcessState.RUNNING;
        }
        return all && any ? "" : null;
    }
}
