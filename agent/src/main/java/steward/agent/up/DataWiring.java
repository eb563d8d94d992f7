package steward.agent.up;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntPredicate;
import steward.builder.env.AppEnvironment;

/**
 * A data service's place in the app: its port and credentials, generated once and kept in its home
 * by the builder's {@link AppEnvironment#dataService} (the same values its own build uses), with
 * its port moved to a free one when another server holds the kept one; and the
 * {@code DOTCLOUD_<SVC>_<PORT>_*} keys it gives every other service.
 */
public final class DataWiring {
    private DataWiring() {
    }

    /** The one line for a type Steward cannot run here (mongodb, solr), else empty. */
    public static Optional<String> unavailable(Unit unit) {
        return AppEnvironment.unavailable(unit.spec());
    }

    /**
     * The keys the data unit exports, and its own {@code PORT_<NAME>}.
     *
     * @param free whether a port may be used (false: another server holds it)
     */
    public static Map<String, String> keys(Unit unit, IntPredicate free) throws IOException {
        AppEnvironment.Address a = AppEnvironment.dataService(unit.home(), unit.spec(), "localhost", OptionalInt.empty());
        String name = a.ports().keySet().iterator().next();
        int port = a.ports().get(name);
        if (!free.test(port)) {
            int p = port + 1;
            while (!free.test(p)) {
                p++;
            }
            a = AppEnvironment.dataService(unit.home(), unit.spec(), "localhost", OptionalInt.of(p));
            port = p;
        }
        Map<String, String> keys = new LinkedHashMap<>(AppEnvironment.exported(unit.spec(), a));
        keys.put("PORT_" + name, Integer.toString(port));
        return keys;
    }
}
