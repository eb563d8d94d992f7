package steward.builder.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.builder.data.DataEndpoint;
import steward.builder.manifest.BuildManifest;
import steward.builder.manifest.ManifestParser;

class AppEnvironmentTest {
    @TempDir
    Path dir;

    private BuildManifest manifest() throws Exception {
        Files.writeString(dir.resolve("dotcloud.yml"), """
                www:
                  type: nodejs
                  ports:
                    admin: tcp
                worker:
                  type: python-worker
                data:
                  type: redis
                db:
                  type: postgresql
                mq:
                  type: rabbitmq
                sql:
                  type: mysql
                mongo:
                  type: mongodb
                """);
        return new ManifestParser().parseTree(dir);
    }

    @Test
    void everyServiceGetsTheOthersKeysAsDotCloudNamedThem() throws Exception {
        BuildManifest m = manifest();
        Map<String, AppEnvironment.Address> a = new LinkedHashMap<>();
        a.put("www", AppEnvironment.Address.code("localhost", Map.of("HTTP", 8081)));
        a.put("data", AppEnvironment.dataService(dir.resolve("h-data"), m.service("data").orElseThrow(), "localhost", OptionalInt.of(16379)));
        a.put("db", AppEnvironment.dataService(dir.resolve("h-db"), m.service("db").orElseThrow(), "localhost", OptionalInt.empty()));
        a.put("mq", AppEnvironment.dataService(dir.resolve("h-mq"), m.service("mq").orElseThrow(), "localhost", OptionalInt.empty()));
        a.put("sql", AppEnvironment.dataService(dir.resolve("h-sql"), m.service("sql").orElseThrow(), "localhost", OptionalInt.empty()));
        Map<String, Map<String, String>> keys = AppEnvironment.forEach(m, a);
        Map<String, String> worker = keys.get("worker");
        String pw = a.get("data").password().orElseThrow();
        assertEquals(20, pw.length());
        assertEquals("redis://root:" + pw + "@localhost:16379", worker.get("DOTCLOUD_DATA_REDIS_URL"));
        assertEquals("root", worker.get("DOTCLOUD_DATA_REDIS_LOGIN"));
        assertEquals("16379", worker.get("DOTCLOUD_DATA_REDIS_PORT"));
        assertEquals("5432", worker.get("DOTCLOUD_DB_SQL_PORT"), "postgresql's port is named SQL");
        assertTrue(worker.get("DOTCLOUD_DB_SQL_URL").startsWith("pgsql://root:"));
        assertEquals("3306", worker.get("DOTCLOUD_SQL_MYSQL_PORT"));
        assertTrue(worker.get("DOTCLOUD_MQ_AMQP_URL").startsWith("amqp://root:"));
        assertEquals("http://localhost:8081", worker.get("DOTCLOUD_WWW_HTTP_URL"));
        assertEquals("tcp://localhost:42800", worker.get("DOTCLOUD_WWW_ADMIN_URL"), "a port not given keeps Steward's default");
        assertFalse(worker.containsKey("DOTCLOUD_MONGO_MONGODB_URL"), "a service without an address is left out");
        assertFalse(keys.get("www").containsKey("DOTCLOUD_WWW_HTTP_URL"), "a service's own keys are not among the others'");
        assertTrue(keys.get("data").containsKey("DOTCLOUD_WWW_HTTP_URL"));
    }

    @Test
    void credentialsAreGeneratedOnceAndKeptPrivate() throws Exception {
        BuildManifest m = manifest();
        Path home = dir.resolve("h");
        var first = AppEnvironment.dataService(home, m.service("data").orElseThrow(), "localhost", OptionalInt.empty());
        var again = AppEnvironment.dataService(home, m.service("data").orElseThrow(), "localhost", OptionalInt.empty());
        assertEquals(first, again);
        assertEquals(6379, first.ports().get("REDIS"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(DataEndpoint.file(home))));
        var moved = AppEnvironment.dataService(home, m.service("data").orElseThrow(), "localhost", OptionalInt.of(7000));
        assertEquals(first.password(), moved.password(), "a new port keeps the password");
        assertEquals(7000, AppEnvironment.dataService(home, m.service("data").orElseThrow(), "localhost", OptionalInt.empty())
                .ports().get("REDIS"), "the port given is kept");
    }

    @Test
    void wiringCarriesTheServicesOwnPortsAndTheOthers() throws Exception {
        BuildManifest m = manifest();
        Map<String, AppEnvironment.Address> a = new LinkedHashMap<>();
        a.put("www", AppEnvironment.Address.code("localhost", Map.of("HTTP", 8081)));
        a.put("data", AppEnvironment.dataService(dir.resolve("h-data"), m.service("data").orElseThrow(), "localhost", OptionalInt.of(16379)));
        Map<String, String> www = AppEnvironment.wiring(m, a, "www");
        assertEquals("8081", www.get("PORT_WWW"));
        assertEquals("8081", www.get("DOTCLOUD_WWW_HTTP_PORT"));
        assertEquals("42800", www.get("PORT_ADMIN"));
        assertEquals("16379", www.get("DOTCLOUD_DATA_REDIS_PORT"));
        assertEquals("16379", AppEnvironment.wiring(m, a, "data").get("PORT_REDIS"));
        assertEquals(Map.of("MONGODB", "mongodb"), AppEnvironment.ports(m.service("mongo").orElseThrow()));
        assertTrue(AppEnvironment.unavailable(m.service("mongo").orElseThrow()).orElseThrow()
                .contains("DOTCLOUD_MONGO_MONGODB_{HOST,PORT,LOGIN,PASSWORD,URL}"));
        assertTrue(AppEnvironment.unavailable(m.service("data").orElseThrow()).isEmpty());
    }
}
