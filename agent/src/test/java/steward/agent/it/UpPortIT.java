package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23 items 1 and 12: {@code up} never claims a false Ready. A port held by another server is
 * found before anything is built, and its holder named; {@code --port} and {@code PORT_WWW} choose
 * the port; a program that goes FATAL before Ready ends up with its last stderr lines, a cause and
 * a non-zero status (it used to hang); "Ready in N ms" counts from the process start.
 */
class UpPortIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @BeforeAll
    static void tools() {
        Apps.requireTools("node", "npm");
    }

    @TempDir
    Path dir;

    private Path app(String serverJs) throws IOException {
        Path app = Files.createDirectories(dir.resolve("site/web"));
        Files.writeString(app.resolve("package.json"), "{\"name\":\"web\",\"version\":\"1.0.0\"}\n");
        Files.writeString(app.resolve("server.js"), serverJs);
        Files.writeString(dir.resolve("site/dotcloud.yml"), "www:\n  type: nodejs\n  approot: web\n  process: node server.js\n");
        return dir.resolve("site");
    }

    private static final String SERVER = "require('http').createServer((q, r) => r.end('mine')).listen(process.env.PORT_WWW,"
            + " () => console.log('on ' + process.env.PORT_WWW));\n";

    @Test
    void aBusyPortIsNamedBeforeAnythingIsBuiltAndNoReadyIsPrinted() throws Exception {
        Path app = app(SERVER);
        Map<String, String> env = Map.of("XDG_DATA_HOME", dir.resolve("xdg").toString());
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress(0));
            int port = other.getLocalPort();
            long t0 = System.nanoTime();
            try (Steward up = Steward.start(Files.createDirectories(dir.resolve("busy")), env, "up", app.toString(),
                    "--port", Integer.toString(port))) {
                assertEquals(1, up.waitFor(30), up.stdout() + up.stderr());
                assertTrue(up.stderr().contains("port " + port + " (for www) is in use by pid " + ProcessHandle.current().pid()
                        + " ("), up.stderr());
                assertTrue(up.stderr().contains("steward up --port N"), up.stderr());
                assertFalse(up.stdout().contains("Ready"), up.stdout());
                assertFalse(up.stdout().contains("building"), "nothing is built: " + up.stdout());
                assertFalse(Files.exists(dir.resolve("xdg/steward/site/www/current")));
            }
            System.out.println("MEASURE up busy_port_ms=" + (System.nanoTime() - t0) / 1_000_000);
            // PORT_WWW from the environment chooses the port the same way
            Map<String, String> withPort = Map.of("XDG_DATA_HOME", dir.resolve("xdg").toString(), "PORT_WWW",
                    Integer.toString(port));
            Steward.Result r = Steward.run(Files.createDirectories(dir.resolve("busy2")), withPort, app, "up");
            assertEquals(1, r.exitCode(), r.stdout() + r.stderr());
            assertTrue(r.stderr().contains("port " + port + " (for www) is in use"), r.stderr());
        }
    }

    @Test
    void portWwwChoosesThePortAndReadyCountsFromTheProcessStart() throws Exception {
        Path app = app(SERVER);
        int port = Apps.freePort();
        Map<String, String> env = Map.of("XDG_DATA_HOME", dir.resolve("xdg").toString(), "PORT_WWW", Integer.toString(port));
        long t0 = System.nanoTime();
        try (Steward up = Steward.start(Files.createDirectories(dir.resolve("ok")), env, "up", app.toString())) {
            await().atMost(WAIT).until(() -> up.stdout().contains("==> Ready in") || !up.isAlive());
            long outside = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("200 mine", Apps.get(port), up.stdout() + up.stderr());
            long said = Long.parseLong(up.stdout().replaceAll("(?s).*==> Ready in (\\d+) ms.*", "$1"));
            // the JVM's start is counted: what up says is at least what a stopwatch outside saw,
            // less the time to notice the line (polled)
            assertTrue(said > outside - 1000, "said " + said + " ms, measured " + outside + " ms");
            up.signal("INT");
            assertEquals(0, up.waitFor(30), up.stdout() + up.stderr());
            assertFalse(up.stderr().contains("Exception"), up.stderr());
        }
        assertEquals("DOWN", Apps.get(port));
    }

    @Test
    void aProgramThatDiesBeforeReadyEndsUpWithItsLastLinesAndACause() throws Exception {
        Path app = app("console.error('cannot connect to the database: ECONNREFUSED'); process.exit(3);\n");
        int port = Apps.freePort();
        Map<String, String> env = Map.of("XDG_DATA_HOME", dir.resolve("xdg").toString());
        try (Steward up = Steward.start(Files.createDirectories(dir.resolve("fatal")), env, "up", app.toString(),
                "--port", Integer.toString(port))) {
            assertEquals(1, up.waitFor(90), up.stdout() + up.stderr());
            assertTrue(up.stderr().contains("www | cannot connect to the database: ECONNREFUSED"), up.stderr());
            // FATAL, or (on a slow machine, when node outlives startsecs) restarted twice: either way its end
            assertTrue(up.stderr().contains("steward up: www did not start: program www exited"), up.stderr());
            assertFalse(up.stdout().contains("Ready"), up.stdout());
        }
        assertEquals(java.util.List.of(), UpAppIT.leftBehind(dir.resolve("xdg/steward/site")));
    }
}
