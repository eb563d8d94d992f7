package steward.agent.deploy;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import steward.builder.Builder;
import steward.builder.PostinstallResult;
import steward.builder.ReleaseView;
import steward.builder.release.Release;

/**
 * Makes a built release the running one (issue 5 §6), on the agent's deploy thread: switch
 * {@code current}; run postinstall (on failure switch back, nothing else changes); stop the old
 * programs; load and start the new ones; wait until the instance is responsive. When the new
 * programs never become responsive, the previous release is put back and its programs restarted.
 * Where programs hold sockets in both releases (a Node app, the app server behind nginx) the swap is
 * an {@link Overlap} instead: the new programs start beside the old ones on the same held sockets,
 * nginx keeps running (reloaded only when what it reads changed), the old ones drain.
 * The web port's unavailability is measured throughout the swap.
 */
public final class Redeployer {
    private final Builder builder;
    private final ProgramSource source;
    private final ProgramSwap swap;
    private final Overlap overlap;
    private final Readiness readiness;
    private final DrainGate gate;
    private final ReleaseListener listener;

    /**
     * @param staging the engine's staged groups (the overlap of programs holding sockets)
     * @param serving whether a pid said it serves its held sockets (READY=1 on its notify pipe)
     */
    public Redeployer(Builder builder, ProgramSource source, steward.compat.api.ProcessControl engine,
            steward.agent.engine.Staging staging, java.util.function.IntPredicate serving, Readiness readiness,
            DrainGate gate, ReleaseListener listener) {
        this.builder = builder;
        this.source = source;
        this.swap = new ProgramSwap(engine, readiness.watch());
        this.overlap = new Overlap(engine, staging, swap, readiness.watch(), source, serving);
        this.readiness = readiness;
        this.gate = gate;
        this.listener = listener;
    }

    /** Activates {@code target}; every step is told on {@code t}. Never throws for a failed step. */
    public DeployOutcome activate(Release target, Duration readyTimeout, Transcript t) throws InterruptedException {
        long t0 = System.nanoTime();
        String refused = stackProblems(target);
        if (refused != null) {
            t.line("The new build revision's stack configuration is refused; nothing serving was touched:");
            refused.lines().forEach(l -> t.line("  " + l));
            return fail(t, serving(), t0);
        }
        Optional<Release> before;
        ReleaseView next;
        try {
            before = builder.active();
            next = builder.switchTo(target);
        } catch (IOException e) {
            t.line("Cannot switch to build revision " + target.id() + ": " + e.getMessage());
            return fail(t, serving(), t0);
        }
        PostinstallResult post;
        try {
            post = builder.runPostinstall(target);
        } catch (IOException e) {
            post = new PostinstallResult(true, false, e.toString(), java.util.List.of());
        }
        if (!post.succeeded()) {
            t.line("Postinstall failed: " + post.reason());
            post.lastLines().forEach(l -> t.line("  " + l));
            switchBack(before, t);
            t.line(before.map(r -> "The previous build revision " + r.id() + " is still serving; nothing else changed")
                    .orElse("No build revision was serving before; nothing else changed"));
            return fail(t, before.map(Release::id).orElse(""), t0);
        }
        try {
            source.prepare(Optional.of(next));
        } catch (Exception e) {
            t.line("Cannot load the programs of build revision " + target.id() + ": " + e.getMessage());
            switchBack(before, t);
            t.line(before.map(r -> "The previous build revision " + r.id() + " is still serving; nothing else changed")
                    .orElse("Nothing else changed"));
            return fail(t, serving(), t0);
        }
        gate.enterUnlessDraining(DrainGate.Phase.REDEPLOYING);
        t.line("Launching...");
        OptionalInt port = Readiness.webPortOf(next);
        PortProbe probe = port.isPresent() ? new PortProbe(port.getAsInt()) : null;
        Optional<ReleaseView> previousView = source.selected();
        try {
            var abort = gate.when(p -> p == DrainGate.Phase.DRAINING);
            Overlap.Result h = previousView.isPresent() ? overlap.run(previousView, next, readyTimeout, abort)
                    : new Overlap.Result(Overlap.Outcome.NOT_APPLICABLE, null);
            if (h.outcome() == Overlap.Outcome.FAILED) {
                tell(t, "The new build revision did not become responsive: ", h.problem());
                switchBack(before, t);
                gate.enterUnlessDraining(DrainGate.Phase.READY);
                t.line(before.map(r -> "The previous build revision " + r.id() + " kept serving; nothing else changed")
                        .orElse("Nothing else changed"));
                return fail(t, serving(), t0);
            }
            String problem;
            if (h.outcome() == Overlap.Outcome.DONE) {
                listener.deactivated();
                t.line(h.told());
                problem = h.problem() != null ? h.problem() : awaitReady(readyTimeout, t, true);
            } else {
                problem = swapTo(Optional.of(next), readyTimeout, t, true);
            }
            OptionalLong gap = probe == null ? OptionalLong.empty() : probe.gapMillis();
            if (problem == null) {
                gate.enterUnlessDraining(DrainGate.Phase.READY);
                listener.activated(next, source.environment());
                t.line("Successfully installed build revision " + target.id());
                if (port.isPresent() && probe.servedBefore()) { // nothing served before: no gap to tell
                    t.line("Port " + port.getAsInt() + " was unavailable for "
                            + (gap.isPresent() ? gap.getAsLong() + " ms" : "the whole swap"));
                }
                DeployOutcome o = new DeployOutcome(true, target.id(), gap, millisSince(t0));
                t.line("Deploy took " + o.totalMillis() + " ms");
                t.finish(true);
                return o;
            }
            tell(t, "The new build revision did not become responsive: ", problem);
            putBack(before, previousView, readyTimeout, t);
            return fail(t, serving(), t0);
        } finally {
            if (probe != null) {
                probe.close();
            }
        }
    }

    /**
     * Watches the programs started with the agent: STARTING until responsive, then READY. The release
     * is live already (there is nothing to go back to), so its listeners (cron) start at once: a
     * program that never becomes RUNNING must not keep the crontab off.
     */
    public void watchStartup(Duration timeout) throws InterruptedException {
        source.selected().ifPresent(v -> listener.activated(v, source.environment()));
        Readiness.Report r = readiness.await(timeout, gate.when(p -> p != DrainGate.Phase.STARTING));
        if (r.ready()) {
            gate.advance(DrainGate.Phase.STARTING, DrainGate.Phase.READY);
        }
    }

    /**
     * Stops what runs, loads {@code view}'s programs (already prepared for a new release; prepared
     * here for a put-back), starts them, waits; returns null or what went wrong.
     */
    private String swapTo(Optional<ReleaseView> view, Duration readyTimeout, Transcript t, boolean announce)
            throws InterruptedException {
        if (!announce) {
            try {
                source.prepare(view);
            } catch (Exception e) {
                return "cannot load its programs: " + e.getMessage();
            }
        }
        listener.deactivated();
        swap.stopAll();
        swap.removeAll();
        source.select(view);
        try {
            swap.addAll();
        } catch (Exception e) {
            return "cannot load its programs: " + e.getMessage();
        }
        return awaitReady(readyTimeout, t, announce);
    }

    private String awaitReady(Duration readyTimeout, Transcript t, boolean announce) throws InterruptedException {
        if (announce) {
            t.line("Waiting for the instance to become responsive...");
        }
        Readiness.Report r = readiness.await(readyTimeout, gate.when(p -> p == DrainGate.Phase.DRAINING));
        if (r.ready()) {
            return null;
        }
        if (gate.phase() == DrainGate.Phase.DRAINING) {
            return "the agent is shutting down";
        }
        if (r.fatal().isPresent()) {
            return String.join("\n", FatalCause.of(r.fatal().get(), r.programs()));
        }
        if (!r.programsRunning()) {
            return "not every autostarted program was RUNNING after " + readyTimeout.toSeconds() + " s";
        }
        return "port " + r.webPort().getAsInt() + " did not accept connections within " + readyTimeout.toSeconds() + " s";
    }

    private void putBack(Optional<Release> before, Optional<ReleaseView> previousView, Duration readyTimeout, Transcript t)
            throws InterruptedException {
        switchBack(before, t);
        String problem = swapTo(previousView, readyTimeout, t, false);
        String name = before.map(Release::id).orElse("(none)");
        if (problem == null) {
            gate.enterUnlessDraining(previousView.isPresent() ? DrainGate.Phase.READY : DrainGate.Phase.WAITING);
            previousView.ifPresent(v -> listener.activated(v, source.environment()));
            t.line(before.isPresent() ? "Put back build revision " + name + "; it is serving again"
                    : "No build revision was serving before; the agent waits for a deploy");
        } else {
            gate.enterUnlessDraining(DrainGate.Phase.STARTING);
            tell(t, "Put back build revision " + name + ", but it is not responsive either: ", problem);
        }
    }

    /** {@code problem}'s first line after {@code prefix}, its other lines (a FATAL program's last log lines) as they are. */
    private static void tell(Transcript t, String prefix, String problem) {
        String[] lines = String.valueOf(problem).split("\n");
        t.line(prefix + lines[0]);
        for (int i = 1; i < lines.length; i++) {
            t.line(lines[i]);
        }
    }

    private void switchBack(Optional<Release> before, Transcript t) {
        if (before.isEmpty()) {
            return;
        }
        try {
            builder.switchTo(before.get());
        } catch (IOException e) {
            t.line("Could not switch back to " + before.get().id() + ": " + e.getMessage());
        }
    }

    /**
     * The new release's nginx and php-fpm configurations through {@code nginx -t} and
     * {@code php-fpm -t} (on the exact files, with the approot's includes) before anything serving
     * is touched; null when they pass, else one line per problem naming the user's file and line.
     */
    private String stackProblems(Release target) {
        try {
            java.util.List<steward.builder.stack.StackCheck.Problem> problems =
                    builder.view(target).stackProblems();
            return problems.isEmpty() ? null
                    : String.join("\n", problems.stream().map(Object::toString).toList());
        } catch (IOException e) {
            return "cannot check it: " + e.getMessage();
        }
    }

    private String serving() {
        return source.selected().map(v -> v.release().id()).orElse("");
    }

    private static DeployOutcome fail(Transcript t, String serving, long t0) {
        t.finish(false);
        return new DeployOutcome(false, serving, OptionalLong.empty(), millisSince(t0));
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
