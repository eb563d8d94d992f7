package steward.agent.up;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import steward.builder.manifest.ServiceType;

/**
 * The variables {@code steward up} gives each agent of an app, as dotCloud did: its own
 * {@code PORT}/{@code PORT_WWW} and {@code DOTCLOUD_SERVICE_ID}; every web service's
 * {@code DOTCLOUD_<SVC>_HTTP_{HOST,PORT,URL}} (of a scaled one: the unsuffixed keys are instance 0's,
 * and {@code …_URL_1} etc. name each instance); every data service's keys; and, for a scaled service
 * when the app has a postgresql service, {@code STEWARD_CRON_JDBC_URL} so its crontab runs once
 * across the instances.
 */
public final class Wiring {
    private Wiring() {
    }

    public static Map<String, String> of(Unit unit, List<Unit> app, Map<String, Map<String, String>> dataKeys) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Unit other : app) {
            if (other.port() > 0) {
                endpoint(env, other);
            }
        }
        // a data service's own PORT_<NAME> is for it alone: the others get its DOTCLOUD_* keys
        dataKeys.forEach((label, keys) -> keys.forEach((k, v) -> {
            if (label.equals(unit.label()) || !k.startsWith("PORT_")) {
                env.put(k, v);
            }
        }));
        env.put("DOTCLOUD_SERVICE_ID", Integer.toString(unit.instance()));
        if (unit.port() > 0) {
            env.put("PORT", Integer.toString(unit.port()));
            env.put("PORT_WWW", Integer.toString(unit.port()));
        }
        if (unit.spec().instances() > 1 && !unit.spec().config().containsKey("cron_cluster")) {
            cronCluster(app, dataKeys).ifPresent(url -> env.put("STEWARD_CRON_JDBC_URL", url));
        }
        return env;
    }

    private static void endpoint(Map<String, String> env, Unit u) {
        String prefix = "DOTCLOUD_" + u.spec().name().toUpperCase(Locale.ROOT) + "_HTTP_";
        String suffix = u.spec().instances() > 1 ? "_" + u.instance() : "";
        for (String s : u.instance() == 0 && !suffix.isEmpty() ? List.of("", suffix) : List.of(suffix)) {
            env.put(prefix + "HOST" + s, "localhost");
            env.put(prefix + "PORT" + s, Integer.toString(u.port()));
            env.put(prefix + "URL" + s, "http://localhost:" + u.port());
        }
    }

    /** The app's first postgresql/postgis service as a JDBC URL for the cron cluster store. */
    static java.util.Optional<String> cronCluster(List<Unit> app, Map<String, Map<String, String>> dataKeys) {
        for (Unit u : app) {
            ServiceType t = u.spec().type();
            if (t != ServiceType.POSTGRESQL && t != ServiceType.POSTGIS) {
                continue;
            }
            Map<String, String> k = dataKeys.getOrDefault(u.label(), Map.of());
            String p = "DOTCLOUD_" + u.spec().name().toUpperCase(Locale.ROOT) + "_SQL_";
            if (k.containsKey(p + "HOST") && k.containsKey(p + "PORT")) {
                return java.util.Optional.of("jdbc:postgresql://" + k.get(p + "HOST") + ":" + k.get(p + "PORT")
                        + "/postgres?user=" + k.getOrDefault(p + "LOGIN", "postgres")
                        + "&password=" + k.getOrDefault(p + "PASSWORD", ""));
            }
        }
        return java.util.Optional.empty();
    }
}
