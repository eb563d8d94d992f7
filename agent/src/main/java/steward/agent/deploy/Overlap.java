package steward.agent.deploy;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import steward.agent.engine.Staging;
import steward.builder.ReleaseView;
import steward.compat.api.ProcessControl;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessState;
import steward.compat.api.RpcFault;
import steward.compat.config.GroupConfig;

/**
 * A redeploy of programs whose listening sockets the agent holds (a Node app on 8080, a static
 * site's nginx), without a refused or failed request: each group of the new release that holds
 * sockets, where the running release has an active group of that name holding sockets too, is
 * <em>staged</em> beside the old one on the same held sockets (both serve). Once every staged
 * process is RUNNING and, when an old process had said it serves ({@code READY=1} on its notify
 * pipe, as the Node preload does once it listens), a staged one has said so too, the staged groups
 * are promoted: the old processes get their stop signal and drain in the background, then the old
 * release's other groups are stopped and the new release's started. If a staged process gives up or
 * the wait runs out, the staged groups are discarded and the old configuration is read back:
 * nothing that served was touched.
 */
final class Overlap {
    private static final long STOP_ACCEPTING_NANOS = 5_000_000_000L;

    private final ProcessControl engine;
    private final Staging staging;
    private final ProgramSwap swap;
    private final ProgramWatch watch;
    private final ProgramSource source;
    private final IntPredicate serving;

    Overlap(ProcessControl engine, Staging staging, ProgramSwap swap, ProgramWatch watch, ProgramSource source,
            IntPredicate serving) {
        this.engine = engine;
        this.staging = staging;
        this.swap = swap;
        this.watch = watch;
        this.source = source;
        this.serving = serving;
    }

    Handover.Result run(Optional<ReleaseView> from, ReleaseView to, Duration timeout, BooleanSupplier abort)
            throws InterruptedException {
        Set<String> active = swap.activeGroups();
        Set<String> before = holdingSockets(engine.view().configured());
        before.retainAll(active);
        source.select(Optional.of(to));
        try {
            engine.reread();
        } catch (RpcFault e) {
            source.select(from);
            return new Handover.Result(Handover.Outcome.FAILED, "cannot load its programs: " + e.faultString());
        }
        Set<String> overlap = holdingSockets(engine.view().configured());
        overlap.retainAll(before);
        if (overlap.isEmpty()) {
            return readBack(from, new Handover.Result(Handover.Outcome.NOT_APPLICABLE, null));
        }
        boolean servedBefore = engine.view().allProcessInfo().stream()
                .anyMatch(i -> overlap.contains(i.group()) && i.pid() > 0 && serving.test(i.pid()));
        String problem = null;
        try {
            for (String g : overlap) {
                staging.stage(g).get(10, TimeUnit.SECONDS);
            }
            problem = awaitStaged(timeout, servedBefore, abort);
        } catch (ExecutionException | TimeoutException e) {
            problem = "cannot start its programs: " + rootMessage(e);
        }
        if (problem != null) {
            for (String g : overlap) {
                join(staging.discard(g), timeout);
            }
            return readBack(from, new Handover.Result(Handover.Outcome.FAILED, problem));
        }
        Set<String> rest = new LinkedHashSet<>(active);
        rest.removeAll(overlap);
        swap.stop(rest);
        swap.remove(rest);
        List<Integer> oldServing = engine.view().allProcessInfo().stream()
                .filter(i -> overlap.contains(i.group()) && i.pid() > 0 && serving.test(i.pid()))
                .map(ProcessInfo::pid).toList();
        for (String g : overlap) {
            join(staging.promote(g), timeout);
        }
        awaitStoppedAccepting(oldServing);
        try {
            swap.addAll();
        } catch (RpcFault e) {
            return new Handover.Result(Handover.Outcome.DONE, "cannot start its programs: " + e.faultString());
        }
        return new Handover.Result(Handover.Outcome.DONE, null);
    }

    /**
     * The old processes that said they serve say {@code STOPPING=1} once their drain closed the
     * handed listeners (or end): only then do new connections reach the new release alone, and
     * only then is the deploy reported. At most a few seconds: one that never says so is left to
     * its drain.
     */
    private void awaitStoppedAccepting(List<Integer> pids) throws InterruptedException {
        long deadline = System.nanoTime() + STOP_ACCEPTING_NANOS;
        while (pids.stream().anyMatch(serving::test) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private Handover.Result readBack(Optional<ReleaseView> from, Handover.Result result) {
        source.select(from);
        try {
            engine.reread();
        } catch (RpcFault e) {
            String p = (result.problem() == null ? "" : result.problem() + "; and ")
                    + "the previous configuration could not be read back: " + e.faultString();
            return new Handover.Result(Handover.Outcome.FAILED, p);
        }
        return result;
    }

    /** Null once every staged process is RUNNING (and serving where the old one served); else what went wrong. */
    private String awaitStaged(Duration timeout, boolean servedBefore, BooleanSupplier abort) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String[] verdict = {null};
        watch.await(v -> (verdict[0] = verdict(staging.info(), servedBefore)) != null, deadline, abort);
        if (verdict[0] == null) {
            verdict[0] = verdict(staging.info(), servedBefore);
        }
        if (verdict[0] == null) {
            return abort.getAsBoolean() ? "the agent is shutting down"
                    : "its new programs were not " + (servedBefore ? "serving" : "RUNNING") + " after "
                    + timeout.toSeconds() + " s";
        }
        return verdict[0].isEmpty() ? null : verdict[0];
    }

    private String verdict(List<ProcessInfo> staged, boolean servedBefore) {
        boolean all = !staged.isEmpty();
        boolean serves = false;
        for (ProcessInfo i : staged) {
            if (i.state() == ProcessState.FATAL || i.state() == ProcessState.EXITED) {
                return "program " + i.name() + " exited (" + i.state() + "): " + i.spawnerr();
            }
            all &= i.state() == ProcessState.RUNNING;
            serves |= i.pid() > 0 && serving.test(i.pid());
        }
        return all && (serves || !servedBefore) ? "" : null;
    }

    private static Set<String> holdingSockets(List<GroupConfig> groups) {
        Set<String> out = new LinkedHashSet<>();
        for (GroupConfig g : groups) {
            if (g.processes().stream().anyMatch(p -> !p.container().sockets().isEmpty())) {
                out.add(g.name());
            }
        }
        return out;
    }

    private static void join(java.util.concurrent.CompletableFuture<Void> f, Duration timeout) throws InterruptedException {
        try {
            f.get(timeout.toSeconds() + 10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the engine's events tell what became of it
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable c = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return c instanceof RpcFault f ? f.faultString() : String.valueOf(c.getMessage());
    }
}
