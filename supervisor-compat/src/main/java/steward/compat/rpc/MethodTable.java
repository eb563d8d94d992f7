package steward.compat.rpc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import steward.compat.api.RpcFault;

/**
 * An explicit table of callable methods: only what is added here can be called (the lesson of
 * CVE-2017-11610). Each entry carries its help text and its signature ({@code [rtype, ptype…]}).
 */
public final class MethodTable {

    /** A method body. May return a plain value or a {@code CompletableFuture} of one (a late reply). */
    @FunctionalInterface
    public interface Handler {
        Object call(Params params) throws RpcFault;
    }

    /** One callable method. */
    public record Method(String name, List<String> signature, String help, Handler handler) {
        public Method {
            signature = List.copyOf(signature);
        }
    }

    private final Map<String, Method> methods;

    private MethodTable(Map<String, Method> methods) {
        this.methods = Map.copyOf(methods);
    }

    public static Builder builder(String namespace) {
        return new Builder(namespace);
    }

    public Optional<Method> find(String name) {
        return Optional.ofNullable(methods.get(name));
    }

    public Collection<Method> methods() {
        return methods.values();
    }

    /** Builds a table whose names all live in one namespace ({@code supervisor}, {@code steward}, …). */
    public static final class Builder {
        private final String namespace;
        private final Map<String, Method> methods = new LinkedHashMap<>();

        private Builder(String namespace) {
            if (!namespace.matches("[A-Za-z][A-Za-z0-9]*")) {
                throw new IllegalArgumentException("bad namespace " + namespace);
            }
            this.namespace = namespace;
        }

        /**
         * Adds {@code namespace.name}.
         *
         * @param signature return type first, then parameter types (XML-RPC type names)
         */
        public Builder add(String name, List<String> signature, String help, Handler handler) {
            if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
                throw new IllegalArgumentException("bad method name " + name);
            }
            String full = namespace + "." + name;
            if (methods.putIfAbsent(full, new Method(full, signature, help, handler)) != null) {
                throw new IllegalArgumentException("duplicate method " + full);
            }
            return this;
        }

        /** Adds {@code alias} as another name for an already added method. */
        public Builder alias(String alias, String existing) {
            Method m = methods.get(namespace + "." + existing);
            if (m == null) {
                throw new IllegalArgumentException("no method " + existing);
            }
            return add(alias, m.signature(), m.help(), m.handler());
        }

        public MethodTable build() {
            return new MethodTable(methods);
        }
    }

    /** Every name of every table, merged; refuses a name defined twice. */
    static MethodTable merge(List<MethodTable> tables) {
        Map<String, Method> all = new LinkedHashMap<>();
        for (MethodTable t : tables) {
            for (Method m : t.methods.values()) {
                if (all.putIfAbsent(m.name(), m) != null) {
                    throw new IllegalArgumentException("duplicate method " + m.name());
                }
            }
        }
        return new MethodTable(all);
    }

    List<String> sortedNames() {
        List<String> names = new ArrayList<>(methods.keySet());
        names.sort(null);
        return names;
    }
}
