package steward.builder.env;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import steward.builder.manifest.PortProtocol;
import steward.builder.manifest.ServiceSpec;

/**
 * The variables dotCloud gave a service (reference §2.5), in a fixed order: the four
 * {@code DOTCLOUD_*} identity variables; for HTTP services (every code type but {@code *-worker})
 * {@code PORT=8080}, {@code PORT_WWW=8080} and {@code DOTCLOUD_<SVC>_HTTP_{HOST,PORT,URL}}; for each
 * {@code ports:} entry {@code PORT_<NAME>} and {@code DOTCLOUD_<SVC>_<NAME>_{HOST,PORT,URL}}; then
 * the service's {@code environment:} map.
 * <p>
 * Port numbers: the web port is 8080 (a declared port named {@code www}, or for a worker its first
 * declared http port, shares it); every other declared port gets the next number from 42800, in
 * file order, as the dotCloud sandbox did. There is no NAT in one container, so the public port
 * equals the bound one.
 */
public final class ServiceEnvironment {
    public static final int WEB_PORT = 8080;
    public static final int FIRST_EXTRA_PORT = 42800;

    private ServiceEnvironment() {
    }

    public static Map<String, String> of(ServiceSpec service, String project, String publicHost) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DOTCLOUD_ENVIRONMENT", "default");
        env.put("DOTCLOUD_PROJECT", project);
        env.put("DOTCLOUD_SERVICE_NAME", service.name());
        env.put("DOTCLOUD_SERVICE_ID", "0");
        String svc = upper(service.name());
        boolean webTaken = false;
        if (service.type().isHttp()) {
            env.put("PORT", String.valueOf(WEB_PORT));
            env.put("PORT_WWW", String.valueOf(WEB_PORT));
            endpoint(env, svc, "HTTP", PortProtocol.HTTP, publicHost, WEB_PORT);
            webTaken = true;
        }
        int next = FIRST_EXTRA_PORT;
        for (var e : service.ports().entrySet()) {
            String name = upper(e.getKey());
            int port;
            if (e.getValue() == PortProtocol.HTTP && (name.equals("WWW") || !webTaken)) {
                port = WEB_PORT;
                if (!webTaken) {
                    env.put("PORT", String.valueOf(WEB_PORT));
                }
                webTaken = true;
            } else {
                port = next++;
            }
            env.put("PORT_" + name, String.valueOf(port));
            endpoint(env, svc, name, e.getValue(), publicHost, port);
        }
        Object cronCluster = service.config().get("cron_cluster");
        if (cronCluster != null) {
            // config: {cron_cluster: JDBC URL}: the agent's cron runs each fire once across instances
            env.put("STEWARD_CRON_JDBC_URL", cronCluster.toString());
        }
        env.putAll(service.environment());
        return Collections.unmodifiableMap(env);
    }

    /**
     * The service's own {@code environment:} keys that replace a variable Steward sets (a
     * {@code DOTCLOUD_*} key of its own is fine: real apps set e.g. DOTCLOUD_DATA_MONGODB_DATABASE).
     */
    public static java.util.List<String> overridden(ServiceSpec service, String project, String publicHost) {
        Map<String, String> steward = withoutOwn(service, project, publicHost);
        return service.environment().keySet().stream().filter(steward::containsKey).toList();
    }

    private static Map<String, String> withoutOwn(ServiceSpec s, String project, String publicHost) {
        ServiceSpec bare = new ServiceSpec(s.name(), s.type(), s.approot(), s.config(), Map.of(), s.ports(), s.hooks(),
                s.processes(), s.processShortcut(), s.systempackages(), s.requirements(), s.instances(), s.line(), s.notes());
        return of(bare, project, publicHost);
    }

    private static void endpoint(Map<String, String> env, String svc, String name, PortProtocol p, String host, int port) {
        String prefix = "DOTCLOUD_" + svc + "_" + name + "_";
        env.put(prefix + "HOST", host);
        env.put(prefix + "PORT", String.valueOf(port));
        env.put(prefix + "URL", p.wireName() + "://" + host + ":" + port);
    }

    private static String upper(String name) {
        return name.toUpperCase(Locale.ROOT);
    }
}
