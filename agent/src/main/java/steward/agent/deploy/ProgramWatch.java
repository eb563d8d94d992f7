package steward.agent.deploy;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import steward.compat.api.ProcessControl;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessState;
import steward.compat.config.GroupConfig;
import steward.compat.config.ProcessConfig;
import steward.compat.events.EngineEvent;
import steward.compat.events.EventSource;
import steward.compat.events.EventType;

/**
 * Deploy's view of the engine's programs: every process's info and which of them are autostarted.
 * An on-loop subscriber to process state and group events marks the view stale and wakes waiters;
 * the view is read from the engine when asked, at most once per event. Waiters never poll.
 */
final class ProgramWatch {
    /** Every active process and the autostarted ones ("group:name"); {@code serial} of the last event seen. */
    record View(List<ProcessInfo> programs, Set<String> autostart, long serial) {
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
    private volatile long serial;
    private volatile View view;

    ProgramWatch(ProcessControl engine, EventSource events) {
        this.engine = engine;
        events.subscribe(this::changed, EventSource.Delivery.onLoop("deploy program watch"),
                EventType.PROCESS_STATE, EventType.PROCESS_GROUP);
    }

    /**
     * On the engine's loop: only notes that the view moved and wakes the waiters. The view itself is
     * read when someone asks ({@link #current}), so a state change with nobody deploying or probing
     * costs no O(programs) copy on the engine's thread.
     */
    private void changed(EngineEvent.Published event) {
        synchronized (this) {
            serial = event.serial();
            notifyAll();
        }
    }

    private View read(long serial) {
        Set<String> autostart = new HashSet<>();
        for (GroupConfig g : engine.view().configured()) {
            if (engine.view().isActive(g.name())) {
                for (ProcessConfig p : g.processes()) {
                    if (p.autostart()) {
                        autostart.add(g.name() + ":" + p.name());
                    }
                }
            }
        }
        return new View(engine.view().allProcessInfo(), autostart, serial);
    }

    /** The engine's programs now, stamped with the last event seen before they were read. */
    View current() {
        long seen = serial;
        View v = view;
        if (v == null || v.serial() != seen) {
            v = read(seen);
            view = v;
        }
        return v;
    }

    /**
     * Waits until {@code done} holds for the view, {@code cancelled} says so, or the deadline
     * ({@link System#nanoTime}) passes; returns the last view. Woken by each engine event; the
     * cancel flag is looked at every 100 ms.
     */
    View await(Predicate<View> done, long deadlineNanos, BooleanSupplier cancelled) throws InterruptedException {
        while (true) {
            View v = current();
            long left = deadlineNanos - System.nanoTime();
            if (done.test(v) || cancelled.getAsBoolean() || left <= 0) {
                return v;
            }
            synchronized (this) {
                if (serial == v.serial()) {
                    long ms = Math.max(1, Math.min(100, left / 1_000_000));
                    wait(ms);
                }
            }
        }
    }
}
