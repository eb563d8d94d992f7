package steward.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Issue 21: deploy --check over a multi-service dotcloud.yml lists every service's type, programs and exported keys. */
class DataCheckTest {
    @TempDir
    Path tmp;

    @Test
    void everyServiceIsListedWithItsProgramsAndKeysAndMongodbSaysItDoesNotRun() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Path sample = Path.of(System.getProperty("steward.root", "..")).resolve("samples/data-app");
        Files.writeString(tree.resolve("dotcloud.yml"), Files.readString(sample.resolve("dotcloud.yml"))
                + "mongo:\n  type: mongodb\n  config:\n    mongodb_oplog_size: 100\n");
        Path home = tmp.resolve("home");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int rc;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            rc = new CommandLine(new DeployCommand()).execute("--check", "--home", home.toString(), tree.toString());
        } finally {
            System.setOut(saved);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, text);
        for (String line : new String[] {"app (python-worker, approot .)", "data (redis, approot .)", "  redis: /usr/bin/redis-server ",
                "db (postgresql, approot .)", "  postgresql: /bin/sh -c ", "gis (postgis, approot .)", "sql (mysql, approot .)",
                "  mysql: /bin/sh -c ", "mq (rabbitmq, approot .)", "  epmd: /usr/bin/epmd -port 5674", "  rabbitmq: ",
                "cache (memcached, approot .)", "  memcached: /usr/bin/memcached -p 11211", "mail (smtp, approot .)",
                "  exports: DOTCLOUD_DATA_REDIS_HOST DOTCLOUD_DATA_REDIS_PORT DOTCLOUD_DATA_REDIS_LOGIN DOTCLOUD_DATA_REDIS_PASSWORD "
                        + "DOTCLOUD_DATA_REDIS_URL",
                "  exports: DOTCLOUD_DB_SQL_HOST ", "  exports: DOTCLOUD_MQ_AMQP_HOST ", "  exports: DOTCLOUD_CACHE_MEMCACHED_HOST "
                        + "DOTCLOUD_CACHE_MEMCACHED_PORT DOTCLOUD_CACHE_MEMCACHED_URL",
                "  not run: service 'mongo': mongodb: Debian 12 has no MongoDB package"}) {
            assertTrue(text.contains(line), line + "\n" + text);
        }
        assertFalse(Files.exists(home), "the check writes nothing, not even credentials");
    }
}
