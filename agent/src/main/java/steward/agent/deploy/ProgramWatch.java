package steward.agent.deploy;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import steward.compat.api.EngineView;
import steward.compat.api.ProcessControl;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessState;
import steward.compat.api.ProcessView;

/**
 * Deploy's reading of the engine's view: every process's info and which of them are autostarted,
 * and waits on it. A wait is the engine's own {@link ProcessControl#awaitView}: the condition is
 * tested on the engine's thread at each new view, so nothing wakes while nothing changes.
 */
final class ProgramWatch {
    /** Every active process and the autostarted ones ("group:name"); {@code serial} of the view it was read from. */
    record View(List<ProcessInfo> programs, Set<String> autostart, long serial) {
        static View of(EngineView e) {
            Set<String> autostart = new HashSet<>();
            e.processes().filter(p -> p.config().autostart()).map(ProcessView::info)
                    .forEach(i -> autostart.add(i.group() + ":" + i.name()));
            return new View(e.allProcessInfo(), autostart, e.serial());
        }

        boolean allStopped() {
            return programs.stream().allMatch(i -> i.state().isStopped());
        }

        /** Every autostarted program RUNNING. */
        boolean autostartRunning() {
            Set<String> running = new HashSet<>();
            for (ProcessInfo i : programs) {
                if (i.state() == ProcessState.RUNNING) {
                    running.add(i.group() + ":" + i.name());
                }
            }
            return running.containsAll(autostart);
        }

        /** An autostarted program that gave up (FATAL). */
        Optional<String> fatal() {
            return programs.stream().filter(i -> i.state() == ProcessState.FATAL)
                    .filter(i -> autostart.contains(i.group() + ":" + i.name())).map(ProcessInfo::namespec)
                    .findFirst();
        }
    }

    private final ProcessControl engine;

    ProgramWatch(ProcessControl engine) {
        this.engine = engine;
    }

    /** The engine's programs now (the latest view; no hop onto the engine's thread). */
    View current() {
        return View.of(engine.view());
    }

    /**
     * Waits until {@code done} holds for the view, {@code cancelled} completes, or the deadline
     * ({@link System#nanoTime}) passes; returns the view it ended on.
     */
    View await(Predicate<View> done, long deadlineNanos, CompletableFuture<?> cancelled) throws InterruptedException {
        CompletableFuture<EngineView> met = engine.awaitView(e -> done.test(View.of(e)));
        try {
            CompletableFuture.anyOf(met, cancelled).get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the deadline passed, or the condition threw: the caller judges the view it gets
        } finally {
            met.cancel(false);
        }
        return met.isDone() && !met.isCompletedExceptionally() ? View.of(met.join()) : current();
    }
}
