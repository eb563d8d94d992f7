package steward.builder.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.builder.manifest.Hooks;
import steward.builder.manifest.ServiceSpec;
import steward.builder.manifest.ServiceType;
import steward.builder.program.ServicePrograms;

class DataTypesTest {
    @TempDir
    Path home;

    private static ServiceSpec spec(ServiceType type, Map<String, Object> config) {
        return new ServiceSpec("data", type, ".", config, Map.of(), Map.of(), Hooks.none(), List.of(), false, List.of(), List.of(), 1, 1,
                List.of());
    }

    private DataLayout layout(ServiceType type, Map<String, Object> config) {
        return new DataLayout(home, home.resolve("stack"), spec(type, config), new DataEndpoint(16000, "root", "pw1"), Optional.of("www-data"));
    }

    @Test
    void everyRunnableTypeRunsItsServerWithAReadyCheckAsTheServersUser() throws Exception {
        for (var e : DataTypes.all().entrySet()) {
            DataType d = e.getValue();
            DataLayout l = layout(e.getKey(), Map.of());
            var programs = d.server().programs(l);
            if (d.unavailable().isPresent()) {
                assertEquals(List.of(), programs, d.type());
                continue;
            }
            assertFalse(programs.isEmpty(), d.type());
            String text = ServicePrograms.of(l.service(), programs, home, home, List.of()).text();
            assertTrue(text.contains("ready="), text);
            assertTrue(text.contains("user=www-data"), text);
            assertTrue(text.contains("directory=" + home.resolve("data")), text);
            assertTrue(text.contains("16000"), d.type() + " listens on the service's port: " + text);
        }
    }

    @Test
    void aDataServiceRunsNeitherTheApprootsSupervisordConfNorProcesses() throws Exception {
        Files.writeString(home.resolve("supervisord.conf"), "[program:web]\ncommand=node server.js\n");
        DataLayout l = layout(ServiceType.REDIS, Map.of());
        String text = ServicePrograms.of(l.service(), DataTypes.of(ServiceType.REDIS).server().programs(l), home, home, List.of()).text();
        assertTrue(text.contains("[program:redis]"), text);
        assertFalse(text.contains("[program:web]"), text);
    }

    @Test
    void redisConfigKeysApplyAndBadOnesAreReported() {
        DataServer redis = DataTypes.of(ServiceType.REDIS).server();
        String conf = redis.files(layout(ServiceType.REDIS, Map.of("redis_maxmemory", "64mb", "maxmemory-policy", "allkeys-lru")))
                .get(RedisServer.CONF);
        assertTrue(conf.contains("requirepass \"pw1\"\n"), conf);
        assertTrue(conf.contains("maxmemory 64mb\n"), conf);
        assertTrue(conf.contains("maxmemory-policy allkeys-lru\n"), conf);
        assertTrue(conf.contains("appendonly yes\n"), conf);
        DataLayout bad = layout(ServiceType.REDIS, Map.of("maxmemory", "lots"));
        assertFalse(redis.files(bad).get(RedisServer.CONF).contains("maxmemory"));
        assertEquals(List.of("config: maxmemory 'lots' is not a size like 64mb; ignored"), redis.warnings(bad));
    }

    @Test
    void keysAreDotCloudsAndTheUnavailableTypesSayWhatToDo() {
        DataType pg = DataTypes.of(ServiceType.POSTGRESQL);
        assertEquals(List.of("DOTCLOUD_DB_SQL_HOST", "DOTCLOUD_DB_SQL_PORT", "DOTCLOUD_DB_SQL_LOGIN", "DOTCLOUD_DB_SQL_PASSWORD",
                "DOTCLOUD_DB_SQL_URL"), pg.keyNames("db"));
        assertEquals("pgsql://root:pw@h:1", pg.keys("db", "h", 1, "root", "pw").get("DOTCLOUD_DB_SQL_URL"));
        assertEquals("memcached://h:2", DataTypes.of(ServiceType.MEMCACHED).keys("c", "h", 2, "", "").get("DOTCLOUD_C_MEMCACHED_URL"));
        String line = DataTypes.unavailable("mongodb", "store").orElseThrow();
        assertTrue(line.startsWith("service 'store': mongodb: Debian 12 has no MongoDB package"), line);
        assertTrue(line.contains("DOTCLOUD_STORE_MONGODB_{HOST,PORT,LOGIN,PASSWORD,URL}"), line);
        assertTrue(DataTypes.unavailable("redis", "x").isEmpty());
        assertTrue(DataTypes.unavailable("nodejs", "x").isEmpty());
    }
}
