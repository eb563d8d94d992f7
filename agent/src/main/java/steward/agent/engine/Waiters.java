package steward.agent.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import steward.agent.os.Scheduler;
import steward.compat.api.Fault;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.api.RpcFault;

/**
 * Callers waiting for one process to reach RUNNING (startProcess with wait) or a stopped state
 * (stopProcess with wait, shutdown). Settled after each state change, completed on a later loop
 * turn so no caller's continuation runs inside the change.
 */
final class Waiters {
    private final ProcessRef ref;
    private final Scheduler scheduler;
    private final List<CompletableFuture<Void>> starts = new ArrayList<>();
    private final List<CompletableFuture<Void>> stops = new ArrayList<>();

    Waiters(ProcessRef ref, Scheduler scheduler) {
        this.ref = ref;
        this.scheduler = scheduler;
    }

    CompletableFuture<Void> start() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        starts.add(f);
        return f;
    }

    CompletableFuture<Void> stop() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        stops.add(f);
        return f;
    }

    boolean anyStop() {
        return !stops.isEmpty();
    }

    /** Completes what the process's state (and spawn error) now decides. */
    void settle(ProcessState state, String spawnerr) {
        if (!starts.isEmpty()) {
            RpcFault fault = null;
            if (!spawnerr.isEmpty()) {
                fault = new RpcFault(Fault.SPAWN_ERROR, ref.namespec());
            } else if (state != ProcessState.RUNNING && state != ProcessState.STARTING) {
                fault = new RpcFault(Fault.ABNORMAL_TERMINATION, ref.namespec());
            }
            if (fault != null || state == ProcessState.RUNNING) {
                List<CompletableFuture<Void>> done = new ArrayList<>(starts);
                starts.clear();
                RpcFault outcome = fault;
                scheduler.defer(() -> done.forEach(w -> {
                    if (outcome == null) {
                        w.complete(null);
                    } else {
                        w.completeExceptionally(outcome);
                    }
                }));
            }
        }
        if (!stops.isEmpty() && state.isStopped()) {
            List<CompletableFuture<Void>> done = new ArrayList<>(stops);
            stops.clear();
            scheduler.defer(() -> done.forEach(w -> w.complete(null)));
        }
    }
}
