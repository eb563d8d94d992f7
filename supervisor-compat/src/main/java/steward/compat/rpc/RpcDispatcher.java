package steward.compat.rpc;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import steward.compat.api.Fault;
import steward.compat.api.ProcessControl;
import steward.compat.api.RpcFault;

/**
 * The RPC front door: {@code supervisor.*} and {@code system.*} over a {@link ProcessControl}, plus
 * any extra tables (the agent's {@code steward.*}). Calls never throw: the future completes with
 * the value, or exceptionally with an {@link RpcFault} (a fault reply) or anything else (a 500).
 */
public final class RpcDispatcher {
    /** What getSupervisorVersion reports unless told otherwise. */
    public static final String SUPERVISOR_VERSION = "4.2.5";

    private final MethodTable table;

    /** {@code tables} and system.* over all of them (introspection and multicall call back into this dispatcher). */
    private RpcDispatcher(List<MethodTable> tables) {
        List<MethodTable> all = new ArrayList<>(tables);
        all.add(SystemMethods.table(this::methods, this::call));
        this.table = MethodTable.merge(all);
    }

    private MethodTable methods() {
        return table;
    }

    /** A dispatcher with supervisor.*, system.* and the given extra tables. */
    public static RpcDispatcher create(ProcessControl control, List<MethodTable> extra) {
        return create(control, SUPERVISOR_VERSION, ZoneId.systemDefault(), extra);
    }

    /** As {@link #create(ProcessControl, List)}, with the version string and the zone for stop times. */
    public static RpcDispatcher create(ProcessControl control, String version, ZoneId zone, List<MethodTable> extra) {
        List<MethodTable> tables = new ArrayList<>();
        tables.add(new SupervisorMethods(control, version, zone).table());
        tables.addAll(extra);
        return new RpcDispatcher(tables);
    }

    /** Calls a method; unknown or malformed names fault with UNKNOWN_METHOD. */
    public CompletableFuture<Object> call(String name, List<Object> params) {
        MethodTable.Method method = table.find(name).orElse(null);
        if (method == null) {
            return CompletableFuture.failedFuture(new RpcFault(Fault.UNKNOWN_METHOD));
        }
        try {
            Object result = method.handler().call(new Params(params));
            if (result instanceof CompletableFuture<?> f) {
                return f.handle((v, e) -> {
                    if (e != null) {
                        throw e instanceof CompletionException ce ? ce : new CompletionException(e);
                    }
                    return (Object) v;
                });
            }
            return CompletableFuture.completedFuture(result);
        } catch (RpcFault f) {
            return CompletableFuture.failedFuture(f);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The fault carried by a failed call, unwrapped from completion wrappers, or null. */
    public static RpcFault faultOf(Throwable t) {
        Throwable cur = t;
        while (cur instanceof CompletionException && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur instanceof RpcFault f ? f : null;
    }
}
