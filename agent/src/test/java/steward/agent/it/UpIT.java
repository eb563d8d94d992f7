package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steward up} of the ramen sample: cold start to the first HTTP 200, logs streamed with
 * prefixes, the supervisorctl line; an {@code up} from another terminal redeploys; Ctrl-C stops
 * everything; a warm second {@code up} (node_modules and JVM caches in place).
 */
class UpIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        Apps.requireTool("node");
        Apps.requireTool("npm");
    }

    @Test
    void upServesStreamsLogsRedeploysAndStopsOnCtrlC() throws Exception {
        int port = Apps.freePort();
        Path app = Apps.sample("ramen-on-dotcloud", dir.resolve("ramen"), "  environment:", "    PORT_WWW: \"" + port + "\"");
        Map<String, String> env = Map.of("XDG_DATA_HOME", dir.resolve("xdg").toString());
        Path home = dir.resolve("xdg/steward/ramen/www");

        long cold = firstOk(env, app, port, "cold", () -> {
            // run again from another terminal after an edit = a redeploy
            Path server = app.resolve("hellonode/server.js");
            Files.writeString(server, Files.readString(server).replace("Hello World!", "Hello Up!"));
            Path out = Files.createDirectories(dir.resolve("out-again"));
            try (Steward again = Steward.start(out, env, "up", app.toString())) {
                assertEquals(0, again.waitFor(60), again.stdout() + again.stderr());
                assertTrue(again.stdout().contains("redeploying to it"), again.stdout());
            }
            // new connections reach the new release; a connection the test client kept alive gets one
            // more answer from the draining old process, with "Connection: close"
            await().atMost(Duration.ofSeconds(5)).until(() -> Apps.get(port).startsWith("200 Hello Up!"));
        });
        assertTrue(Files.isSymbolicLink(home.resolve("current")));
        long warm = firstOk(env, app, port, "warm", () -> { });
        System.out.println("MEASURE up cold_ms=" + cold + " warm_ms=" + warm);
    }

    @Test
    void upRunsTheWorkerSampleWithItsCrontab() throws Exception {
        Apps.requireTool("python3");
        Path app = Apps.sample("worker-cron", dir.resolve("worker"));
        Files.writeString(app.resolve("worker/crontab"),
                "@every 1s date +\\%s > \"$HOME/data/queue/tick-$STEWARD_CRON_SCHEDULED\"\n");
        Map<String, String> env = Map.of("XDG_DATA_HOME", dir.resolve("xdg").toString());
        Path out = Files.createDirectories(dir.resolve("out-worker"));
        try (Steward up = Steward.start(out, env, "up", app.toString())) {
            await().atMost(WAIT).until(() -> up.stdout().contains("processed job tick-"));
            assertTrue(up.stdout().contains("queue       | worker watching"), up.stdout());
            up.signal("INT");
            assertEquals(0, up.waitFor(20), up.stdout() + up.stderr());
            // issue 15, defect 13: the shutdown lines reach the terminal, not only the log file
            assertTrue(up.stdout().contains("stopped: queue (") && up.stdout().contains("steward run stopped"), up.stdout());
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Runs `up`, returns the ms to the first HTTP 200, runs {@code then}, and stops it with Ctrl-C (SIGINT). */
    private long firstOk(Map<String, String> env, Path app, int port, String name, Step then) throws Exception {
        Path out = Files.createDirectories(dir.resolve("out-" + name));
        long t0 = System.nanoTime();
        try (Steward up = Steward.start(out, env, "up", app.toString())) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> Apps.get(port).startsWith("200 Hello"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            await().atMost(WAIT).until(() -> up.stdout().contains("==> supervisorctl -s unix://"));
            assertTrue(up.stdout().contains("http://localhost:" + port), up.stdout());
            assertTrue(up.stdout().contains("node        | Server running on port " + port), up.stdout());
            then.run();
            up.signal("INT");
            assertEquals(0, up.waitFor(20), up.stdout() + up.stderr());
            assertTrue(up.stdout().contains("stopped: node (") && up.stdout().contains("steward run stopped"), up.stdout());
            assertTrue(Apps.get(port).equals("DOWN"));
            return ms;
        }
    }
}
