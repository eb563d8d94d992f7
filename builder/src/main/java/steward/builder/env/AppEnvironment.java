package steward.builder.env;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import steward.builder.data.DataEndpoint;
import steward.builder.data.DataType;
import steward.builder.data.DataTypes;
import steward.builder.manifest.BuildManifest;
import steward.builder.manifest.ServiceSpec;

/**
 * The environment contract across the services of one app, as dotCloud wrote it into every
 * service's environment: for each service, the keys of the others. A code service exports
 * {@code DOTCLOUD_<SVC>_<PORT>_{HOST,PORT,URL}} for its web port ({@code HTTP}) and each
 * {@code ports:} entry; a data service {@code DOTCLOUD_<SVC>_<PORT>_{HOST,PORT,LOGIN,PASSWORD,URL}}
 * with its type's port name ({@code REDIS}, {@code SQL} for postgresql/postgis, {@code MYSQL},
 * {@code MONGODB}, {@code AMQP}; {@code MEMCACHED}, {@code SMTP} and solr's {@code HTTP} have no
 * login), e.g. {@code DOTCLOUD_DATA_REDIS_URL=redis://root:PASSWORD@HOST:PORT}.
 * <p>
 * Use, for an app whose services each run in their own home ({@code steward up}):
 * <ol>
 * <li>for each data service, {@link #dataService} (its kept port and generated credentials, written
 *     once in its home: the same values its own build uses); for each code service an
 *     {@link Address} of its host and the ports it was given ({@link Address#code});</li>
 * <li>for each service, {@link #wiring}: pass it to
 *     {@link steward.builder.BuildRequest#withEnvironment} when building that service. It holds
 *     the other services' keys, and the service's own {@code PORT_<NAME>} and keys at its address
 *     (so a code service moved off 8080 says so in its own keys too, and a data service listens
 *     on the port given).</li>
 * </ol>
 * This API is stable: {@link Address}, {@link #ports}, {@link #exported}, {@link #dataService},
 * {@link #forEach}, {@link #wiring} and {@link #unavailable}.
 */
public final class AppEnvironment {
    private static final Pattern URL_KEY = Pattern.compile("DOTCLOUD_[A-Z0-9_]+?_([A-Z0-9_]+)_URL");

    private AppEnvironment() {
    }

    /**
     * How the other services reach one service.
     *
     * @param ports port name (upper case, as in the keys: {@code HTTP}, {@code WWW}, {@code REDIS}, {@code SQL}…) →
     *     port; a code service's port missing here keeps Steward's default (8080 for the web port, 42800… for
     *     the other {@code ports:} entries), a data service's its type's default
     * @param login a data service's login (empty for code services and types without one)
     * @param password a data service's password
     */
    public record Address(String host, Map<String, Integer> ports, Optional<String> login, Optional<String> password) {
        public Address {
            ports = Map.copyOf(ports);
        }

        /** A code service at {@code host}, its ports by name (e.g. {@code Map.of("HTTP", 8081)}). */
        public static Address code(String host, Map<String, Integer> ports) {
            return new Address(host, ports, Optional.empty(), Optional.empty());
        }
    }

    /**
     * The ports a service exports, by name (upper case) → URL scheme, in order: an HTTP code service
     * {@code HTTP}, then its {@code ports:} entries ({@code http}, {@code tcp}, {@code udp}); a data
     * service its type's port.
     */
    public static Map<String, String> ports(ServiceSpec s) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!s.type().isCode()) {
            DataType d = DataTypes.of(s.type());
            out.put(d.portName(), d.scheme());
            return out;
        }
        for (var e : ServiceEnvironment.of(bare(s), "app", "h").entrySet()) {
            Matcher m = URL_KEY.matcher(e.getKey());
            if (m.matches() && e.getKey().startsWith("DOTCLOUD_" + upper(s.name()) + "_")) {
                String name = e.getKey().substring(("DOTCLOUD_" + upper(s.name()) + "_").length(), e.getKey().length() - 4);
                out.put(name, e.getValue().substring(0, e.getValue().indexOf("://")));
            }
        }
        return out;
    }

    /**
     * A data service's address: its kept endpoint in {@code home}, generated and written there on
     * the first call (mode 0600) exactly as its build would, with {@code port} as its port from now
     * on when given. Types Steward cannot run (mongodb, solr) keep nothing: their default port and
     * no credentials are returned.
     */
    public static Address dataService(Path home, ServiceSpec s, String host, OptionalInt port) throws IOException {
        DataType d = DataTypes.of(s.type());
        if (d.unavailable().isPresent()) {
            return new Address(host, Map.of(d.portName(), port.orElse(d.defaultPort())), Optional.empty(), Optional.empty());
        }
        Map<String, String> wanted = port.isPresent() ? Map.of("PORT_" + d.portName(), String.valueOf(port.getAsInt())) : Map.of();
        DataEndpoint e = DataEndpoint.ensure(home, d, wanted);
        return new Address(host, Map.of(d.portName(), e.port()), d.credentials() ? Optional.of(e.login()) : Optional.empty(),
                d.credentials() ? Optional.of(e.password()) : Optional.empty());
    }

    /** The {@code DOTCLOUD_<SVC>_<PORT>_*} keys service {@code s} exports at address {@code a}. */
    public static Map<String, String> exported(ServiceSpec s, Address a) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!s.type().isCode()) {
            DataType d = DataTypes.of(s.type());
            int port = a.ports().getOrDefault(d.portName(), d.defaultPort());
            out.putAll(d.keys(s.name(), a.host(), port, a.login().orElse(""), a.password().orElse("")));
            return out;
        }
        Map<String, String> defaults = ServiceEnvironment.of(bare(s), "app", a.host());
        for (var p : ports(s).entrySet()) {
            String prefix = "DOTCLOUD_" + upper(s.name()) + "_" + p.getKey() + "_";
            int port = a.ports().getOrDefault(p.getKey(), Integer.parseInt(defaults.get(prefix + "PORT")));
            out.put(prefix + "HOST", a.host());
            out.put(prefix + "PORT", String.valueOf(port));
            out.put(prefix + "URL", p.getValue() + "://" + a.host() + ":" + port);
        }
        return out;
    }

    /**
     * For every service of {@code manifest} (file order), the keys of every other service that has an
     * address in {@code addresses} (by service name; one without an address is left out).
     */
    public static Map<String, Map<String, String>> forEach(BuildManifest manifest, Map<String, Address> addresses) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (ServiceSpec s : manifest.services()) {
            Map<String, String> keys = new LinkedHashMap<>();
            for (ServiceSpec other : manifest.services()) {
                if (!other.name().equals(s.name()) && addresses.containsKey(other.name())) {
                    keys.putAll(exported(other, addresses.get(other.name())));
                }
            }
            out.put(s.name(), keys);
        }
        return out;
    }

    /**
     * What to give the build of service {@code name} ({@link steward.builder.BuildRequest#withEnvironment}):
     * the other services' keys ({@link #forEach}), then, when it has an address, its own keys there and
     * {@code PORT_<NAME>} for each of its ports ({@code PORT_WWW} and {@code PORT} too for a code
     * service's {@code HTTP} port).
     */
    public static Map<String, String> wiring(BuildManifest manifest, Map<String, Address> addresses, String name) {
        Map<String, String> out = new LinkedHashMap<>(forEach(manifest, addresses).getOrDefault(name, Map.of()));
        Optional<ServiceSpec> self = manifest.service(name);
        if (self.isPresent() && addresses.containsKey(name)) {
            Address a = addresses.get(name);
            Map<String, String> own = exported(self.get(), a);
            out.putAll(own);
            String prefix = "DOTCLOUD_" + upper(name) + "_";
            for (String port : ports(self.get()).keySet()) {
                String value = own.get(prefix + port + "_PORT");
                if (port.equals("HTTP")) {
                    out.put("PORT", value);
                    out.put("PORT_WWW", value);
                } else {
                    out.put("PORT_" + port, value);
                }
            }
        }
        return out;
    }

    /** For a type Steward cannot run here (mongodb, solr), the one line that says so and how to use an external server. */
    public static Optional<String> unavailable(ServiceSpec s) {
        if (s.type().isCode()) {
            return Optional.empty();
        }
        return DataTypes.of(s.type()).unavailable().map(line -> "service '" + s.name() + "': "
                + line.replace("<SERVICE>", upper(s.name())));
    }

    private static ServiceSpec bare(ServiceSpec s) {
        return new ServiceSpec(s.name(), s.type(), s.approot(), s.config(), Map.of(), s.ports(), s.hooks(), s.processes(),
                s.processShortcut(), s.systempackages(), s.requirements(), s.instances(), s.line(), s.notes());
    }

    private static String upper(String name) {
        return name.toUpperCase(Locale.ROOT);
    }
}
