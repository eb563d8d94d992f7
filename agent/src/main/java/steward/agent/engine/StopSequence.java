package steward.agent.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import steward.agent.logs.DaemonLog;
import steward.agent.os.Scheduler;

/**
 * How a shutdown or reload stops everything: dependants before what they depend on ({@code
 * depends_on}, {@link DependencyLevels}), then groups by priority, highest number first; groups of
 * equal priority stop together, and the next batch starts once the current one is fully
 * stopped and its processes' hooks let them stop (event listeners, priority -1, stop last, once
 * they heard every event raised before). Says "waiting for ... to die" every 3 seconds meanwhile. Loop thread only.
 */
final class StopSequence {
    private static final long WAITING_LOG_INTERVAL_MS = 3000;

    private final Scheduler scheduler;
    private final DaemonLog log;

    StopSequence(Scheduler scheduler, DaemonLog log) {
        this.scheduler = scheduler;
        this.log = log;
    }

    CompletableFuture<Void> stopAll(Collection<ProcessGroup> groups) {
        Map<String, Integer> levels = DependencyLevels.of(groups.stream().map(ProcessGroup::config).toList());
        TreeMap<Integer, TreeMap<Integer, List<ProcessGroup>>> batches = new TreeMap<>(Comparator.reverseOrder());
        for (ProcessGroup g : groups) {
            batches.computeIfAbsent(levels.getOrDefault(g.name(), 0), k -> new TreeMap<>(Comparator.reverseOrder()))
                    .computeIfAbsent(g.priority(), k -> new ArrayList<>()).add(g);
        }
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (TreeMap<Integer, List<ProcessGroup>> level : batches.values()) {
            for (List<ProcessGroup> batch : level.values()) {
                chain = chain.thenCompose(v -> mayStop(batch)).thenCompose(v -> stopBatch(batch));
            }
        }
        return chain;
    }

    /**
     * Waits until the hooks let every process of the batch stop (event listeners hear the events
     * raised before, such as the STOPPED of the programs stopped just now), at most the batch's
     * longest {@code stopwaitsecs}.
     */
    private CompletableFuture<Void> mayStop(List<ProcessGroup> batch) {
        List<ProcessRunner> runners = batch.stream().flatMap(g -> g.runners().stream())
                .filter(r -> !r.state().isStopped()).toList();
        CompletableFuture<Void> all = CompletableFuture.allOf(
                runners.stream().map(ProcessRunner::mayStop).toArray(CompletableFuture[]::new));
        if (all.isDone()) {
            return CompletableFuture.completedFuture(null);
        }
        long limit = runners.stream().mapToLong(r -> r.config().stopwaitsecs()).max().orElse(0) * 1000L;
        CompletableFuture<Void> bounded = new CompletableFuture<>();
        all.whenComplete((v, e) -> bounded.complete(null));
        scheduler.schedule(limit, () -> {
            if (bounded.complete(null)) {
                log.warn("stopping " + runners.stream().map(r -> r.ref().name()).collect(Collectors.joining(", "))
                        + " before every event reached it (waited " + limit / 1000 + " s)");
            }
        });
        return bounded;
    }

    private CompletableFuture<Void> stopBatch(List<ProcessGroup> batch) {
        List<ProcessRunner> runners = batch.stream().flatMap(g -> g.runners().stream())
                .sorted(Comparator.comparingInt((ProcessRunner r) -> r.config().priority()).reversed())
                .collect(Collectors.toList());
        runners.forEach(ProcessRunner::stopForShutdown);
        CompletableFuture<Void> all = CompletableFuture.allOf(
                runners.stream().map(ProcessRunner::whenStopped).toArray(CompletableFuture[]::new));
        if (!all.isDone()) {
            logWaiting(runners, all);
        }
        return all;
    }

    private void logWaiting(List<ProcessRunner> runners, CompletableFuture<Void> done) {
        String names = runners.stream().filter(r -> !r.state().isStopped()).map(r -> r.ref().name())
                .collect(Collectors.joining(", "));
        log.info("waiting for " + names + " to die");
        scheduler.schedule(WAITING_LOG_INTERVAL_MS, () -> {
            if (!done.isDone()) {
                logWaiting(runners, done);
            }
        });
    }
}
