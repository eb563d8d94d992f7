package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steward up} of a whole app (issue 21 §3, §4; issue 23 items 3, 7): two Node web services
 * and a python worker, each with its own agent and home, the first web service on --port and the
 * other on a free port, every service's environment wired to the others and to .env, the logs
 * interleaved with a service prefix; Ctrl-C leaves no process and no bound port; a second up
 * rebuilds only what changed; a service that fails to build is reported and the others run;
 * instances: 2 gives two agents; up -d, status and down.
 */
class UpAppIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        Apps.requireTools("node", "npm", "python3", "redis-server");
    }

    /** www and api (node), worker (python-worker printing what it was given), cache (redis: a data service). */
    private Path app(String workerExtra) throws IOException {
        Path app = dir.resolve("shop");
        for (String svc : List.of("www", "api")) {
            Path d = Files.createDirectories(app.resolve(svc));
            Files.writeString(d.resolve("package.json"), "{\"name\":\"" + svc + "\",\"version\":\"1.0.0\"}\n");
            Files.writeString(d.resolve("server.js"), "require('http').createServer((q, r) => r.end('" + svc
                    + " says ' + process.env.DOTCLOUD_API_HTTP_URL + ' ' + process.env.GREETING"
                    + " + ' redis:' + process.env.DOTCLOUD_CACHE_REDIS_PORT))"
                    + ".listen(process.env.PORT_WWW, () => console.log('" + svc + " on ' + process.env.PORT_WWW));\n");
        }
        Path w = Files.createDirectories(app.resolve("worker"));
        Files.writeString(w.resolve("work.py"), "import os, time\n"
                + "print('worker', os.environ['DOTCLOUD_SERVICE_ID'], 'sees', os.environ.get('DOTCLOUD_WWW_HTTP_URL'),"
                + " os.environ.get('GREETING'), flush=True)\nwhile True: time.sleep(1)\n");
        Files.writeString(app.resolve(".env"), "GREETING=hello-from-dotenv\n");
        Path broken = Files.createDirectories(app.resolve("broken"));
        Files.writeString(broken.resolve("package.json"), "{ not json\n");
        Files.writeString(app.resolve("dotcloud.yml"), String.join("\n",
                "www:", "  type: nodejs", "  approot: www", "  process: node server.js",
                "api:", "  type: nodejs", "  approot: api", "  process: node server.js",
                "worker:", "  type: python-worker", "  approot: worker", "  process: python3 -u work.py", workerExtra,
                "cache:", "  type: redis",
                "broken:", "  type: nodejs", "  approot: broken", "  process: node server.js", ""));
        return app;
    }

    @Test
    void runsEveryServiceWiredAndStopsCleanly() throws Exception {
        Path app = app("");
        int port = Apps.freePort();
        Map<String, String> env = Map.of("XDG_DATA_HOME", dir.resolve("xdg").toString());
        Path state = dir.resolve("xdg/steward/shop");
        String out;
        int apiPort;
        try (Steward up = Steward.start(Files.createDirectories(dir.resolve("out1")), env, "up", app.toString(),
                "--port", Integer.toString(port))) {
            await().atMost(WAIT).until(() -> up.stdout().contains("==> Ctrl-C stops everything") || !up.isAlive());
            out = up.stdout();
            assertTrue(out.contains("==>   www     http://localhost:" + port), out + up.stderr());
            apiPort = Integer.parseInt(out.replaceAll("(?s).*==>   api     http://localhost:(\\d+).*", "$1"));
            assertTrue(apiPort != port, out);
            // the API's URL reaches www's environment, .env every service, the data service's keys every service
            String redisPort = Files.readString(state.resolve("cache/environment.json"))
                    .replaceAll("(?s).*\"DOTCLOUD_CACHE_REDIS_PORT\": *\"(\\d+)\".*", "$1");
            assertEquals("200 www says http://localhost:" + apiPort + " hello-from-dotenv redis:" + redisPort, Apps.get(port));
            assertTrue(Apps.get(apiPort).startsWith("200 api says"), Apps.get(apiPort));
            await().atMost(WAIT).until(() -> up.stdout().matches("(?s).*worker/worker +\\| worker 0 sees http://localhost:" + port
                    + " hello-from-dotenv.*"));
            await().atMost(WAIT).until(() -> up.stdout().contains("www/www") && up.stdout().contains("api/api"));
            // a service that fails to build is reported and the others run
            assertTrue(up.stderr().contains("broken failed to build; the other services still run"), up.stderr());
            // the data service is built first and its agent is ready before a code service's agent starts
            assertTrue(out.indexOf("==> cache: building") < out.indexOf("==> www: building"), out);
            assertTrue(time(up.stdout(), "cache/supervisord", "ready: redis").compareTo(time(up.stdout(), "www/supervisord", "running build revision")) < 0,
                    out);
            // the commands find the app from its directory
            Steward.Result status = Steward.run(Files.createDirectories(dir.resolve("st")), env, app, "status");
            assertEquals(0, status.exitCode(), status.stdout() + status.stderr());
            assertTrue(status.stdout().contains("api RUNNING") && status.stdout().contains("redis RUNNING"), status.stdout());
            Steward.Result logs = Steward.run(Files.createDirectories(dir.resolve("lg")), env, app, "logs", "-n", "5");
            assertEquals(0, logs.exitCode(), logs.stderr());
            assertTrue(logs.stdout().contains("www/www") && logs.stdout().contains("worker/worker"), logs.stdout());
            Steward.Result none = Steward.run(Files.createDirectories(dir.resolve("lg2")), env, app, "logs", "nosuch");
            assertEquals(1, none.exitCode(), none.stdout());
            up.signal("INT");
            assertEquals(0, up.waitFor(60), up.stdout() + up.stderr());
            out = up.stdout();
        }
        // the code services stopped before the data service was asked to; nothing left behind
        assertTrue(time(out, "www/supervisord", "steward run stopped").compareTo(time(out, "cache/supervisord", "received SIG")) <= 0,
                out);
        assertEquals("DOWN", Apps.get(port));
        assertEquals("DOWN", Apps.get(apiPort));
        assertEquals(List.of(), leftBehind(state));
        // again, unchanged but www: only www is rebuilt
        Files.writeString(app.resolve("www/server.js"), Files.readString(app.resolve("www/server.js")).replace("says", "now says"));
        try (Steward up = Steward.start(Files.createDirectories(dir.resolve("out2")), env, "up", app.toString(),
                "--port", Integer.toString(port))) {
            await().atMost(WAIT).until(() -> up.stdout().contains("==> Ctrl-C stops everything") || !up.isAlive());
            String again = up.stdout();
            assertTrue(again.contains("==> www: building") && again.contains("==> api: unchanged")
                    && again.contains("==> worker: unchanged") && again.contains("==> cache: unchanged"), again);
            assertTrue(Apps.get(port).startsWith("200 www now says"), Apps.get(port));
            up.signal("INT");
            assertEquals(0, up.waitFor(60), up.stdout() + up.stderr());
        }
        assertEquals(List.of(), leftBehind(state));
    }

    @Test
    void scaledWorkerRunsOneAgentPerInstanceAndDetaches() throws Exception {
        Path app = app("  instances: 2");
        Map<String, String> env = Map.of("XDG_DATA_HOME", dir.resolve("xdg").toString());
        Path state = dir.resolve("xdg/steward/shop");
        int port = Apps.freePort();
        Steward.Result up = Steward.run(Files.createDirectories(dir.resolve("d")), env, app.getParent(), "up", "-d",
                "shop", "--service", "worker", "--port", Integer.toString(port));
        assertEquals(0, up.exitCode(), up.stdout() + up.stderr());
        assertTrue(up.stdout().contains("==>   worker_0") && up.stdout().contains("==>   worker_1"), up.stdout());
        assertFalse(up.stdout().contains("==>   www"), up.stdout());
        assertTrue(Files.isSymbolicLink(state.resolve("worker_1/current")));
        Steward.Result status = Steward.run(Files.createDirectories(dir.resolve("s")), env, app, "status");
        assertEquals(0, status.exitCode(), status.stdout());
        assertTrue(status.stdout().contains("worker_1"), status.stdout());
        await().atMost(WAIT).until(() -> Files.readString(state.resolve("up.log")).matches("(?s).*worker_1/worker +\\| worker 1 sees.*"));
        Steward.Result down = Steward.run(Files.createDirectories(dir.resolve("dn")), env, app, "down");
        assertEquals(0, down.exitCode(), down.stdout() + down.stderr());
        assertEquals(List.of(), leftBehind(state));
        Steward.Result after = Steward.run(Files.createDirectories(dir.resolve("s2")), env, app, "status");
        assertEquals(3, after.exitCode(), after.stdout());
    }

    /** The time stamp of the first line from {@code source} containing {@code text}. */
    private static String time(String out, String source, String text) {
        for (String l : out.split("\n")) {
            if (l.startsWith(source) && l.contains(text)) {
                return l.replaceAll(".*\\| (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d+) .*", "$1");
            }
        }
        throw new AssertionError("no line from " + source + " with " + text + " in\n" + out);
    }

    /** Live processes started for the app: its agents (the home in their command line) and their programs (cwd). */
    static List<Long> leftBehind(Path state) {
        List<Long> pids = new ArrayList<>(Procs.withMarker(state.toString()));
        try (var entries = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                try {
                    if (Files.readSymbolicLink(p.resolve("cwd")).startsWith(state) && !pids.contains(Long.parseLong(
                            p.getFileName().toString()))) {
                        pids.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException e) {
                    // not ours, or gone
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return pids;
    }
}
