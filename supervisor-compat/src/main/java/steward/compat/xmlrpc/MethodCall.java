package steward.compat.xmlrpc;

import java.util.List;

/**
 * One decoded XML-RPC request: the method name and its parameters as Java values
 * (String, Integer, Boolean, Double, byte[] for base64, List, Map with String keys).
 */
public record MethodCall(String name, List<Object> params) {
    public MethodCall {
        params = List.copyOf(params);
    }
}
