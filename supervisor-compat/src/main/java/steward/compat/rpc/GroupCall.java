package steward.compat.rpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import steward.compat.api.Fault;
import steward.compat.api.ProcessInfo;
import steward.compat.api.RpcFault;

/**
 * supervisord's make_allfunc: applies a per-process call to each selected process and gathers
 * {@code {name, group, status, description}} results. Immediate outcomes are listed in priority
 * order; late ones (waiting starts and stops) in the order they complete.
 */
final class GroupCall {
    /** One per-process call, given the namespec; returns a value or a future. */
    @FunctionalInterface
    interface Single {
        Object call(String namespec) throws RpcFault;
    }

    private GroupCall() {
    }

    static CompletableFuture<Object> run(List<ProcessInfo> processes, Predicate<ProcessInfo> select, Single single) {
        List<Object> results = new ArrayList<>();
        AtomicInteger pending = new AtomicInteger(1);
        CompletableFuture<Object> done = new CompletableFuture<>();
        Runnable finishOne = () -> {
            if (pending.decrementAndGet() == 0) {
                synchronized (results) {
                    done.complete(List.copyOf(results));
                }
            }
        };
        for (ProcessInfo p : processes) {
            if (!select.test(p)) {
                continue;
            }
            Object outcome;
            try {
                outcome = single.call(p.namespec());
            } catch (RpcFault f) {
                add(results, result(p, f));
                continue;
            }
            if (outcome instanceof CompletableFuture<?> f && !f.isDone()) {
                pending.incrementAndGet();
                f.whenComplete((v, e) -> {
                    add(results, e == null ? ok(p) : result(p, e));
                    finishOne.run();
                });
            } else if (outcome instanceof CompletableFuture<?> f && f.isCompletedExceptionally()) {
                add(results, result(p, f.handle((v, e) -> e).join()));
            } else {
                add(results, ok(p));
            }
        }
        finishOne.run();
        return done;
    }

    private static void add(List<Object> results, Map<String, Object> r) {
        synchronized (results) {
            results.add(r);
        }
    }

    static Map<String, Object> ok(ProcessInfo p) {
        return struct(p, Fault.SUCCESS.code(), "OK");
    }

    private static Map<String, Object> result(ProcessInfo p, Throwable e) {
        RpcFault f = RpcDispatcher.faultOf(e);
        if (f == null) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return struct(p, Fault.FAILED.code(), "FAILED: " + cause);
        }
        return struct(p, f.code(), f.faultString());
    }

    private static Map<String, Object> struct(ProcessInfo p, int status, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("group", p.group());
        m.put("status", status);
        m.put("description", description);
        return m;
    }
}
