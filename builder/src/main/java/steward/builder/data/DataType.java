package steward.builder.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One data service type, as data (reference types §15): the name of its port in the environment
 * ({@code REDIS}, {@code SQL} for postgresql and postgis, {@code MYSQL}, {@code AMQP}…), its
 * default port, the URL scheme of {@code DOTCLOUD_<SVC>_<PORT>_URL}, whether it has a login and
 * password, the Debian 12 packages it runs from, the {@code config:} keys it applies, and its
 * server ({@link DataServer}). {@code unavailable} says why Steward cannot run it (mongodb, solr:
 * no Debian 12 package) and how to point the app at an external server instead.
 */
public record DataType(String type, String portName, int defaultPort, String scheme, boolean credentials,
        List<String> packages, List<String> configKeys, Optional<String> unavailable, DataServer server) {
    public DataType {
        packages = List.copyOf(packages);
        configKeys = List.copyOf(configKeys);
    }

    /**
     * The keys this service exports as dotCloud wrote them: {@code DOTCLOUD_<SVC>_<PORT>_{HOST,PORT}},
     * {@code _LOGIN} and {@code _PASSWORD} when it has credentials, and {@code _URL}
     * ({@code scheme://login:password@host:port}, or {@code scheme://host:port}).
     */
    public Map<String, String> keys(String service, String host, int port, String login, String password) {
        Map<String, String> env = new LinkedHashMap<>();
        String prefix = "DOTCLOUD_" + service.toUpperCase(java.util.Locale.ROOT) + "_" + portName + "_";
        env.put(prefix + "HOST", host);
        env.put(prefix + "PORT", String.valueOf(port));
        if (credentials) {
            env.put(prefix + "LOGIN", login);
            env.put(prefix + "PASSWORD", password);
            env.put(prefix + "URL", scheme + "://" + login + ":" + password + "@" + host + ":" + port);
        } else {
            env.put(prefix + "URL", scheme + "://" + host + ":" + port);
        }
        return env;
    }

    /** The key names {@link #keys} yields, for listings. */
    public List<String> keyNames(String service) {
        return List.copyOf(keys(service, "h", 1, "l", "p").keySet());
    }
}
