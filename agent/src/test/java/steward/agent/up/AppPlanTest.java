package steward.agent.up;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.builder.manifest.BuildManifest;
import steward.builder.manifest.ManifestException;
import steward.builder.manifest.ManifestParser;

/** The plan of a whole app: data services first, ports, instances, --service; and the wiring it gives each agent. */
class AppPlanTest {
    @TempDir
    Path dir;

    private BuildManifest manifest(String yaml) throws Exception {
        Files.writeString(dir.resolve("dotcloud.yml"), yaml);
        return new ManifestParser().parseTree(dir);
    }

    private static final String APP = String.join("\n",
            "www:", "  type: nodejs", "api:", "  type: python", "  instances: 2", "worker:", "  type: python-worker",
            "db:", "  type: postgresql", "cache:", "  type: redis", "");

    @Test
    void dataServicesComeFirstThenCodeInFileOrderWithTheirPorts() throws Exception {
        AppPlan p = AppPlan.of(manifest(APP), dir.resolve("s"), null, 8080, port -> port != 8082);
        assertEquals(List.of("db", "cache", "www", "api_0", "api_1", "worker"), p.units().stream().map(Unit::label).toList());
        assertEquals(List.of(0, 0, 8080, 8081, 8083, 0), p.units().stream().map(Unit::port).toList());
        assertEquals(dir.resolve("s/api_1"), p.units().get(4).home());
        assertEquals(List.of("db", "cache"), p.data().stream().map(Unit::label).toList());
    }

    @Test
    void oneServiceRunsWithTheDataServicesAndTheBasePort() throws Exception {
        AppPlan p = AppPlan.of(manifest(APP), dir.resolve("s"), "worker", 9000, port -> true);
        assertEquals(List.of("db", "cache", "worker"), p.units().stream().map(Unit::label).toList());
        AppPlan w = AppPlan.of(manifest(APP), dir.resolve("s"), "api", 9000, port -> true);
        assertEquals(List.of(9000, 9001), w.code().stream().map(Unit::port).toList());
        ManifestException e = assertThrows(ManifestException.class,
                () -> AppPlan.of(manifest(APP), dir.resolve("s"), "nope", 9000, port -> true));
        assertTrue(e.getMessage().contains("no such service; services: www, api, worker, db, cache"), e.getMessage());
    }

    @Test
    void aServiceKeepsThePortItSetsItself() throws Exception {
        AppPlan p = AppPlan.of(manifest("www:\n  type: nodejs\n  environment:\n    PORT_WWW: 5000\nb:\n  type: static\n"),
                dir.resolve("s"), null, 8080, port -> true);
        assertEquals(List.of(5000, 8080), p.units().stream().map(Unit::port).toList());
    }

    @Test
    void everyAgentGetsItsPortTheOthersUrlsAndTheDataKeys() throws Exception {
        AppPlan p = AppPlan.of(manifest(APP), dir.resolve("s"), null, 8080, port -> true);
        Map<String, Map<String, String>> keys = Map.of("db", Map.of("DOTCLOUD_DB_SQL_HOST", "localhost",
                "DOTCLOUD_DB_SQL_PORT", "5433", "DOTCLOUD_DB_SQL_LOGIN", "root", "DOTCLOUD_DB_SQL_PASSWORD", "pw"));
        Unit api1 = p.units().get(4);
        Map<String, String> w = Wiring.of(api1, p.units(), keys);
        assertEquals("8082", w.get("PORT_WWW"));
        assertEquals("1", w.get("DOTCLOUD_SERVICE_ID"));
        assertEquals("http://localhost:8080", w.get("DOTCLOUD_WWW_HTTP_URL"));
        assertEquals("http://localhost:8081", w.get("DOTCLOUD_API_HTTP_URL"), "unsuffixed = instance 0");
        assertEquals("http://localhost:8082", w.get("DOTCLOUD_API_HTTP_URL_1"));
        assertEquals("5433", w.get("DOTCLOUD_DB_SQL_PORT"));
        assertEquals("jdbc:postgresql://localhost:5433/postgres?user=root&password=pw", w.get("STEWARD_CRON_JDBC_URL"));
        Map<String, String> worker = Wiring.of(p.units().get(5), p.units(), keys);
        assertTrue(!worker.containsKey("PORT_WWW") && !worker.containsKey("STEWARD_CRON_JDBC_URL"), worker.toString());
    }
}
