package steward.agent.deploy;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntPredicate;
import steward.agent.engine.Staging;
import steward.builder.ReleaseView;
import steward.compat.api.ConfigDiff;
import steward.compat.api.ProcessControl;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessState;
import steward.compat.api.RpcFault;
import steward.compat.config.GroupConfig;

/**
 * A redeploy without a refused or failed request. Each group of the new release that holds
 * sockets, where the running release has an active group of that name holding sockets too (a Node
 * app on 8080, an app server behind nginx on its unix socket), is <em>staged</em> beside the old one
 * on the same held sockets (both serve). The programs both releases keep running (nginx, in
 * {@link ReleaseView#reloadInPlace()}) with an unchanged configuration are not touched at all, and
 * are reloaded ({@link FrontReload}) only when what they read changed. Once every staged process
 * is RUNNING and, when an old process had said it serves ({@code READY=1} on its notify pipe, as
 * the Node preload does once it listens), a staged one has said so too, the staged groups are
 * promoted: the old processes get their stop signal and drain in the background, then the old
 * release's other groups are stopped and the new release's started. If a staged process gives up,
 * the wait runs out or nginx refuses its new configuration, the staged groups are discarded and the
 * old configuration is read back: nothing that served was touched.
 */
final class Overlap {
    private static final long STOP_ACCEPTING_NANOS = 5_000_000_000L;

    /** What a redeploy through the overlap did: not applicable (nothing to overlap or keep), failed before anything serving changed, or done. */
    enum Outcome { NOT_APPLICABLE, FAILED, DONE }

    /** @param told what was done, one line for the deploy's transcript (when DONE) */
    record Result(Outcome outcome, String problem, String told) {
        Result(Outcome outcome, String problem) {
            this(outcome, problem, "");
        }
    }

    private final ProcessControl engine;
    private final Staging staging;
    private final ProgramSwap swap;
    private final ProgramWatch watch;
    private final ProgramSource source;
    private final IntPredicate serving;
    private final FrontReload front;

    Overlap(ProcessControl engine, Staging staging, ProgramSwap swap, ProgramWatch watch, ProgramSource source,
            IntPredicate serving) {
        this.engine = engine;
        this.staging = staging;
        this.swap = swap;
        this.watch = watch;
        this.source = source;
        this.serving = serving;
        this.front = new FrontReload(engine);
    }

    Result run(Optional<ReleaseView> from, ReleaseView to, Duration timeout, CompletableFuture<?> abort)
            throws InterruptedException {
        Set<String> active = swap.activeGroups();
        Set<String> before = holdingSockets(engine.view().configured());
        before.retainAll(active);
        source.select(Optional.of(to));
        ConfigDiff diff;
        try {
            diff = engine.reread();
        } catch (RpcFault e) {
            source.select(from);
            return new Result(Outcome.FAILED, "cannot load its programs: " + e.faultString());
        }
        Set<String> kept = kept(from, to, active, diff);
        Set<String> overlap = holdingSockets(engine.view().configured());
        overlap.retainAll(before);
        overlap.removeAll(kept);
        if (overlap.isEmpty() && kept.isEmpty()) {
            return readBack(from, new Result(Outcome.NOT_APPLICABLE, null));
        }
        boolean servedBefore = engine.view().allProcessInfo().stream()
                .anyMatch(i -> overlap.contains(i.group()) && i.pid() > 0 && serving.test(i.pid()));
        String problem = null;
        try {
            for (String g : overlap) {
                staging.stage(g).get(10, TimeUnit.SECONDS);
            }
            if (!overlap.isEmpty()) {
                problem = awaitStaged(timeout, servedBefore, abort);
            }
        } catch (ExecutionException | TimeoutException e) {
            problem = "cannot start its programs: " + rootMessage(e);
        }
        boolean reload = !kept.isEmpty() && !from.map(ReleaseView::frontDigest).orElse("").equals(to.frontDigest());
        if (problem == null && reload) {
            problem = front.reload(kept, timeout);
        }
        if (problem != null) {
            for (String g : overlap) {
                join(staging.discard(g), timeout);
            }
            return readBack(from, new Result(Outcome.FAILED, problem));
        }
        Set<String> rest = new LinkedHashSet<>(active);
        rest.removeAll(overlap);
        rest.removeAll(kept);
        swap.stop(rest);
        swap.remove(rest);
        List<Integer> oldServing = engine.view().allProcessInfo().stream()
                .filter(i -> overlap.contains(i.group()) && i.pid() > 0 && serving.test(i.pid()))
                .map(ProcessInfo::pid).toList();
        for (String g : overlap) {
            join(staging.promote(g), timeout);
        }
        awaitStoppedAccepting(oldServing);
        String told = (overlap.isEmpty() ? "" : "The new release served beside the old one on the held sockets; the old one drains")
                + (kept.isEmpty() ? "" : (overlap.isEmpty() ? "" : "; ") + String.join(", ", kept)
                        + (reload ? " reloaded onto the new configuration" : " kept serving, its configuration unchanged"));
        try {
            swap.addAll();
        } catch (RpcFault e) {
            return new Result(Outcome.DONE, "cannot start its programs: " + e.faultString(), told);
        }
        return new Result(Outcome.DONE, null, told);
    }

    /**
     * The groups both releases keep running (nginx) that run now and whose configuration is
     * unchanged: they are not stopped, staged or started; nginx reads the new release's
     * configuration only if it is reloaded.
     */
    private Set<String> kept(Optional<ReleaseView> from, ReleaseView to, Set<String> active, ConfigDiff diff) {
        Set<String> kept = new LinkedHashSet<>(to.reloadInPlace());
        kept.retainAll(from.map(ReleaseView::reloadInPlace).orElse(List.of()));
        kept.retainAll(active);
        kept.removeAll(diff.changed());
        kept.removeAll(diff.removed());
        return kept;
    }

    /**
     * The old processes that said they serve say {@code STOPPING=1} once their drain closed the
     * handed listeners (or end): only then do new connections reach the new release alone, and
     * only then is the deploy reported. At most a few seconds: one that never says so is left to
     * its drain.
     */
    private void awaitStoppedAccepting(List<Integer> pids) throws InterruptedException {
        CompletableFuture<?> done = engine.awaitView(v -> pids.stream().noneMatch(serving::test));
        try {
            done.get(STOP_ACCEPTING_NANOS, TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // left to its drain
        } finally {
            done.cancel(false);
        }
    }

    private Result readBack(Optional<ReleaseView> from, Result result) {
        source.select(from);
        try {
            engine.reread();
        } catch (RpcFault e) {
            String p = (result.problem() == null ? "" : result.problem() + "; and ")
                    + "the previous configuration could not be read back: " + e.faultString();
            return new Result(Outcome.FAILED, p);
        }
        return result;
    }

    /** Null once every staged process is RUNNING (and serving where the old one served); else what went wrong. */
    private String awaitStaged(Duration timeout, boolean servedBefore, CompletableFuture<?> abort) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String[] verdict = {null};
        watch.await(v -> (verdict[0] = verdict(staging.info(), servedBefore)) != null, deadline, abort);
        if (verdict[0] == null) {
            verdict[0] = verdict(staging.info(), servedBefore);
        }
        if (verdict[0] == null) {
            return abort.isDone() ? "the agent is shutting down"
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
