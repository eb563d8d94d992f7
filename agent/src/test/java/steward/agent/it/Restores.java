package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import steward.agent.sockets.TestDirs;
import steward.builder.env.AppEnvironment;

/** Restores of {@code steward backup}'s files, each the way its README section says, checked by reading the value back. */
final class Restores {
    private Restores() {
    }

    /** Drops the app's table, pipes the pg_dumpall file into psql, and reads the value back through the app. */
    static void postgres(Path dir, Path dump, AppEnvironment.Address a, Map<String, String> appEnv, String value, String kind,
            String service) throws Exception {
        Map<String, String> env = Map.of("PGPASSWORD", a.password().orElseThrow());
        String psql = "psql -q -h 127.0.0.1 -p " + a.ports().get("SQL") + " -U root -d postgres";
        assertEquals(0, sh(dir, env, psql + " -c 'DROP TABLE sample'").exitCode());
        Steward.Result r = sh(dir, env, "gunzip -c " + dump + " | " + psql + " 2>&1");
        assertEquals(0, r.exitCode(), r.stdout());
        assertEquals(value, DataServicesIT.app(appEnv, "read", kind, service).strip(), kind + " restored from " + dump);
    }

    /** Drops the app's database, pipes the mysqldump file into mysql, and reads the value back through the app. */
    static void mysql(Path dir, Path dump, AppEnvironment.Address a, Map<String, String> appEnv, String value) throws Exception {
        Map<String, String> env = Map.of("MYSQL_PWD", a.password().orElseThrow());
        String mysql = "mysql -h 127.0.0.1 -P " + a.ports().get("MYSQL") + " -u root";
        assertEquals(0, sh(dir, env, mysql + " -e 'DROP DATABASE sample'").exitCode());
        Steward.Result r = sh(dir, env, "gunzip -c " + dump + " | " + mysql + " 2>&1");
        assertEquals(0, r.exitCode(), r.stdout());
        assertEquals(value, DataServicesIT.app(appEnv, "read", "mysql", "sql").strip(), "mysql restored from " + dump);
    }

    /** Starts a scratch redis-server (its own pid, ended here) on the backed-up RDB and reads the key. */
    static void redis(Path dir, Path rdb, int port, String value) throws Exception {
        Path scratch = Files.createDirectories(dir.resolve("redis-restore"));
        assertEquals(0, sh(dir, Map.of(), "gunzip -c " + rdb + " > " + scratch.resolve("dump.rdb")).exitCode());
        Process server = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir",
                scratch.toString(), "--dbfilename", "dump.rdb", "--appendonly", "no", "--save", "")
                .redirectOutput(scratch.resolve("out").toFile()).redirectErrorStream(true).start();
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> sh(dir, Map.of(),
                    "redis-cli -p " + port + " GET steward-sample").stdout().strip().equals(value));
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** Removes {@code HOME/data} and unpacks the tar of it in {@code home}; the tar must bring files back. */
    static void archive(Path dir, Path tar, Path home) throws Exception {
        Path data = home.resolve("data");
        TestDirs.deleteTree(data);
        Steward.Result r = sh(dir, Map.of(), "tar -C " + home + " -xzf " + tar);
        assertEquals(0, r.exitCode(), r.stdout());
        try (Stream<Path> s = Files.walk(data)) {
            assertTrue(s.anyMatch(Files::isRegularFile), "files of " + data + " in " + tar);
        }
    }

    private static Steward.Result sh(Path dir, Map<String, String> env, String script) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of("/bin/sh", "-c", script)).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        return new Steward.Result(p.waitFor(), out, "");
    }
}
