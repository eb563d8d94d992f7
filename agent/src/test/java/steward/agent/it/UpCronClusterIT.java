package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21 §4: {@code steward up} of a scaled worker ({@code instances: 2}) in an app with a
 * postgresql service runs the worker's crontab once across its instances, with nothing set by the
 * user: up gives both agents the app's PostgreSQL as the cron cluster store. Without it each
 * instance would run every fire, so every second would appear twice in the shared file.
 */
class UpCronClusterIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        Apps.requireTools("python3");
        DataServicesIT.requireServers(List.of("/usr/lib/postgresql/15/bin/postgres"));
    }

    @Test
    void scaledWorkersCrontabRunsOnceAcrossInstancesOnTheAppsPostgres() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // PostgreSQL's user enters it as root
        Path app = dir.resolve("farm");
        Path w = Files.createDirectories(app.resolve("worker"));
        Path fires = dir.resolve("fires.txt");
        Files.writeString(w.resolve("work.py"), "import time\nwhile True: time.sleep(60)\n");
        Files.writeString(w.resolve("crontab"), "@every 1s echo \"$STEWARD_CRON_SCHEDULED $DOTCLOUD_SERVICE_ID\" >> "
                + fires + "\n");
        Files.writeString(app.resolve("dotcloud.yml"), String.join("\n",
                "worker:", "  type: python-worker", "  approot: worker", "  process: python3 -u work.py", "  instances: 2",
                "db:", "  type: postgresql", ""));
        Map<String, String> env = Map.of("XDG_DATA_HOME", dir.resolve("xdg").toString());
        Path state = dir.resolve("xdg/steward/farm");
        try {
            Steward.Result up = Steward.run(Files.createDirectories(dir.resolve("u")), env, app, "up", "-d", "--service",
                    "worker", "--port", Integer.toString(Apps.freePort()));
            assertEquals(0, up.exitCode(), up.stdout() + up.stderr());
            assertTrue(up.stdout().contains("==>   worker_0") && up.stdout().contains("==>   worker_1"), up.stdout());
            for (String instance : List.of("worker_0", "worker_1")) {
                Path envFile = state.resolve(instance).resolve("environment.json");
                assertTrue(Files.readString(envFile).contains("STEWARD_CRON_JDBC_URL"), instance + " was given the cluster store");
            }
            await().atMost(WAIT).until(() -> fires(fires).stream().map(f -> f[0]).distinct().count() >= 12);
            Map<String, Integer> runs = new HashMap<>();
            Set<String> instances = new HashSet<>();
            for (String[] f : fires(fires)) {
                runs.merge(f[0], 1, Integer::sum);
                instances.add(f[1]);
            }
            runs.forEach((fire, n) -> assertEquals(1, n, "the fire scheduled at " + fire + " ran " + n + " times"));
            assertTrue(Set.of("0", "1").containsAll(instances), instances.toString());
        } finally {
            Steward.Result down = Steward.run(Files.createDirectories(dir.resolve("dn")), env, app, "down");
            assertEquals(0, down.exitCode(), down.stdout() + down.stderr());
            assertEquals(List.of(), UpAppIT.leftBehind(state));
        }
    }

    /** The fires written so far: each {scheduled time, instance}. */
    private static List<String[]> fires(Path fires) throws IOException {
        List<String[]> out = new ArrayList<>();
        if (Files.exists(fires)) {
            for (String line : Files.readAllLines(fires)) {
                String[] f = line.trim().split(" ");
                if (f.length == 2) {
                    out.add(f);
                }
            }
        }
        return out;
    }
}
