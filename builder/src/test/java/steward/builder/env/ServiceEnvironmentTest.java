package steward.builder.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.builder.manifest.Hooks;
import steward.builder.manifest.PortProtocol;
import steward.builder.manifest.ServiceSpec;
import steward.builder.manifest.ServiceType;

class ServiceEnvironmentTest {
    private static ServiceSpec spec(String name, ServiceType type, Map<String, PortProtocol> ports, Map<String, String> env) {
        return new ServiceSpec(name, type, ".", Map.of(), env, ports, Hooks.none(), List.of(), false, List.of(), List.of(), 1, 1, List.of());
    }

    @Test
    void httpServiceWithExtraPorts() {
        Map<String, PortProtocol> ports = new LinkedHashMap<>();
        ports.put("logs", PortProtocol.TCP);
        ports.put("stats", PortProtocol.UDP);
        Map<String, String> env = ServiceEnvironment.of(spec("www", ServiceType.NODEJS, ports, Map.of("A", "1")), "ramen", "h.example");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("DOTCLOUD_ENVIRONMENT", "default");
        expected.put("DOTCLOUD_PROJECT", "ramen");
        expected.put("DOTCLOUD_SERVICE_NAME", "www");
        expected.put("DOTCLOUD_SERVICE_ID", "0");
        expected.put("PORT", "8080");
        expected.put("PORT_WWW", "8080");
        expected.put("DOTCLOUD_WWW_HTTP_HOST", "h.example");
        expected.put("DOTCLOUD_WWW_HTTP_PORT", "8080");
        expected.put("DOTCLOUD_WWW_HTTP_URL", "http://h.example:8080");
        expected.put("PORT_LOGS", "42800");
        expected.put("DOTCLOUD_WWW_LOGS_HOST", "h.example");
        expected.put("DOTCLOUD_WWW_LOGS_PORT", "42800");
        expected.put("DOTCLOUD_WWW_LOGS_URL", "tcp://h.example:42800");
        expected.put("PORT_STATS", "42801");
        expected.put("DOTCLOUD_WWW_STATS_HOST", "h.example");
        expected.put("DOTCLOUD_WWW_STATS_PORT", "42801");
        expected.put("DOTCLOUD_WWW_STATS_URL", "udp://h.example:42801");
        expected.put("A", "1");
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(env.entrySet()));
    }

    @Test
    void workerHasNoWebPortUnlessItDeclaresOne() {
        Map<String, String> plain = ServiceEnvironment.of(spec("jobs", ServiceType.RUBY_WORKER, Map.of(), Map.of()), "p", "h");
        assertFalse(plain.containsKey("PORT"));
        Map<String, String> thin = ServiceEnvironment.of(spec("jobs", ServiceType.RUBY_WORKER, Map.of("www", PortProtocol.HTTP), Map.of()), "p", "h");
        assertEquals("8080", thin.get("PORT_WWW"));
        assertEquals("8080", thin.get("PORT"));
        assertEquals("http://h:8080", thin.get("DOTCLOUD_JOBS_WWW_URL"));
    }

    @Test
    void cronClusterConfigBecomesTheAgentsJdbcUrl() {
        ServiceSpec s = new ServiceSpec("www", ServiceType.NODEJS, ".",
                Map.of("cron_cluster", "jdbc:postgresql://db:5432/cron"), Map.of(), Map.of(), Hooks.none(), List.of(),
                false, List.of(), List.of(), 1, 1, List.of());
        assertEquals("jdbc:postgresql://db:5432/cron", ServiceEnvironment.of(s, "p", "h").get("STEWARD_CRON_JDBC_URL"));
    }

    @TempDir
    Path tmp;

    @Test
    void filesRoundTripAndProfileQuotes() throws Exception {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("A", "it's \"quoted\"\nnext");
        vars.put("PORT", "8080");
        EnvironmentFiles.write(tmp, vars, List.of(Path.of("/opt/node/bin")));
        assertEquals(vars, EnvironmentFiles.read(tmp));
        assertEquals("# Written by Steward: the service environment for login shells.\n"
                + "export A='it'\\''s \"quoted\"\nnext'\nexport PORT='8080'\nexport PATH='/opt/node/bin':\"$PATH\"\n",
                Files.readString(tmp.resolve("dotcloud_profile")));
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(home.resolve(".profile"), "umask 022");
        EnvironmentFiles.install(tmp, home);
        EnvironmentFiles.install(tmp, home);
        assertEquals("umask 022\n" + EnvironmentFiles.PROFILE_HOOK + "\n", Files.readString(home.resolve(".profile")));
        assertEquals(Files.readString(tmp.resolve("environment.yaml")), Files.readString(home.resolve("environment.yaml")));
    }
}
