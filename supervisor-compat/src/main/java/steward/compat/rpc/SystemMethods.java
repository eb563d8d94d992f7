package steward.compat.rpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import steward.compat.api.Fault;
import steward.compat.api.RpcFault;

/** {@code system.*}: introspection over the merged table, and supervisord's multicall. */
final class SystemMethods {
    private SystemMethods() {
    }

    static MethodTable table(Supplier<MethodTable> all,
                             BiFunction<String, List<Object>, CompletableFuture<Object>> dispatch) {
        return MethodTable.builder("system")
                .add("listMethods", List.of("array"),
                        "Return an array listing the available method names\n@return array result  method names",
                        p -> {
                            p.expect(0, 0);
                            return all.get().sortedNames();
                        })
                .add("methodHelp", List.of("string", "string"),
                        "Return a string showing the method's documentation\n@param string name  the method name\n"
                                + "@return string result  its documentation",
                        p -> all.get().find(p.expect(1, 1).string(0))
                                .orElseThrow(() -> new RpcFault(Fault.SIGNATURE_UNSUPPORTED)).help())
                .add("methodSignature", List.of("array", "string"),
                        "Return an array [rtype, ptype, ...] describing the method signature\n"
                                + "@param string name  the method name\n@return array result  the signature",
                        p -> {
                            MethodTable.Method m = all.get().find(p.expect(1, 1).string(0))
                                    .orElseThrow(() -> new RpcFault(Fault.SIGNATURE_UNSUPPORTED));
                            if (m.signature().isEmpty()) {
                                throw new RpcFault(Fault.SIGNATURE_UNSUPPORTED);
                            }
                            return m.signature();
                        })
                .add("multicall", List.of("array", "array"),
                        "Process an array of calls {methodName, params} in order and return an array of results;\n"
                                + "a success is the bare value, a failure a struct {faultCode, faultString}\n"
                                + "@param array calls  the call requests\n@return array result  the results",
                        p -> {
                            Object calls = p.expect(1, 1).raw(0);
                            if (!(calls instanceof List<?> list)) {
                                throw new RpcFault(Fault.INCORRECT_PARAMETERS);
                            }
                            return multicall(list, dispatch);
                        })
                .build();
    }

    /** Runs the calls one after the other, each waiting for the previous (late) reply. */
    private static CompletableFuture<Object> multicall(List<?> calls,
                                                       BiFunction<String, List<Object>, CompletableFuture<Object>> dispatch) {
        CompletableFuture<List<Object>> chain = CompletableFuture.completedFuture(new ArrayList<>());
        for (Object call : calls) {
            chain = chain.thenCompose(results -> one(call, dispatch).thenApply(r -> {
                results.add(r);
                return results;
            }));
        }
        return chain.thenApply(r -> r);
    }

    private static CompletableFuture<Object> one(Object call,
                                                 BiFunction<String, List<Object>, CompletableFuture<Object>> dispatch) {
        CompletableFuture<Object> result;
        if (!(call instanceof Map<?, ?> m)) {
            result = CompletableFuture.failedFuture(new IllegalArgumentException("call is not a struct"));
        } else if (!(m.get("methodName") instanceof String name)) {
            result = CompletableFuture.failedFuture(new RpcFault(Fault.INCORRECT_PARAMETERS, "No methodName"));
        } else if (name.equals("system.multicall")) {
            result = CompletableFuture.failedFuture(
                    new RpcFault(Fault.INCORRECT_PARAMETERS, "Recursive system.multicall forbidden"));
        } else {
            Object params = m.containsKey("params") ? m.get("params") : List.of();
            if (params instanceof List<?> list) {
                result = dispatch.apply(name, new ArrayList<>(list));
            } else {
                result = CompletableFuture.failedFuture(new RpcFault(Fault.INCORRECT_PARAMETERS));
            }
        }
        return result.handle((v, e) -> e == null ? v : faultStruct(e));
    }

    private static Map<String, Object> faultStruct(Throwable e) {
        RpcFault f = RpcDispatcher.faultOf(e);
        Map<String, Object> s = new LinkedHashMap<>();
        if (f != null) {
            s.put("faultCode", f.code());
            s.put("faultString", f.faultString());
        } else {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            s.put("faultCode", Fault.FAILED.code());
            s.put("faultString", "FAILED: " + cause.getClass().getName() + ":" + cause.getMessage());
        }
        return s;
    }
}
