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
 * Issue 23 items 3 and 7: an app with a Procfile and no dotcloud.yml runs under {@code up} (one
 * custom service, each line a process); {@code ctl} and {@code deploy --rollback} run in the app's
 * directory reach the agent and the home {@code up} made for it.
 */
class UpProcfileIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        Apps.requireTool("python3");
    }

    private static String server(String says) {
        return "import http.server, os\n"
                + "class H(http.server.BaseHTTPRequestHandler):\n"
                + "    def do_GET(self):\n"
                + "        self.send_response(200); self.end_headers(); self.wfile.write(b'" + says + "')\n"
                + "print('web on', os.environ['PORT_WWW'], flush=True)\n"
                + "http.server.HTTPServer(('', int(os.environ['PORT_WWW'])), H).serve_forever()\n";
    }

    @Test
    void aProcfileAppRunsAndCtlAndRollbackFindIt() throws Exception {
        Path app = Files.createDirectories(dir.resolve("procapp"));
        Files.writeString(app.resolve("Procfile"), "# foreman's format\nweb: python3 -u server.py\n"
                + "clock: python3 -u -c \"import time; print('tick', flush=True); time.sleep(3600)\"\n");
        Files.writeString(app.resolve("server.py"), server("v1"));
        int port = Apps.freePort();
        Map<String, String> env = Map.of("XDG_DATA_HOME", dir.resolve("xdg").toString());
        try (Steward up = Steward.start(Files.createDirectories(dir.resolve("up")), env, "up", app.toString(),
                "--port", Integer.toString(port))) {
            await().atMost(WAIT).until(() -> up.stdout().contains("==> Ctrl-C stops everything") || !up.isAlive());
            assertEquals("200 v1", Apps.get(port), up.stdout() + up.stderr());
            await().atMost(WAIT).until(() -> up.stdout().matches("(?s).*clock +\\| tick.*"));
            assertTrue(!Files.exists(app.resolve("dotcloud.yml")), "the app's directory is not written to");
            Files.writeString(app.resolve("server.py"), server("v2"));
            Steward.Result again = Steward.run(Files.createDirectories(dir.resolve("again")), env, app, "up");
            assertEquals(0, again.exitCode(), again.stdout() + again.stderr());
            assertEquals("200 v2", Apps.get(port));
            Steward.Result ctl = Steward.run(Files.createDirectories(dir.resolve("ctl")), env, app, "ctl", "status");
            assertTrue(ctl.stdout().matches("(?s).*web +RUNNING.*") && ctl.stdout().matches("(?s).*clock +RUNNING.*"),
                    ctl.stdout() + ctl.stderr());
            Steward.Result back = Steward.run(Files.createDirectories(dir.resolve("back")), env, app, "deploy", "--rollback");
            assertEquals(0, back.exitCode(), back.stdout() + back.stderr());
            assertEquals("200 v1", Apps.get(port));
            up.signal("INT");
            assertEquals(0, up.waitFor(60), up.stdout() + up.stderr());
        }
        assertEquals("DOWN", Apps.get(port));
        Steward.Result logs = Steward.run(Files.createDirectories(dir.resolve("logs")), env, app, "logs", "clock");
        assertEquals(0, logs.exitCode(), logs.stderr());
        assertTrue(logs.stdout().contains("tick"), logs.stdout());
    }
}
