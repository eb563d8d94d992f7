package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every web type's sample through one agent and one home, with the real toolchains and servers
 * (pip + uWSGI, nginx, composer + php-fpm, bundler + puma, cpanm + uWSGI psgi): each push is a
 * redeploy onto the previous type's stack. For each type: HTTP 200 with the app's own output
 * naming its dependency from the manifest, the approot's nginx.conf included, maintenance → 503,
 * the stack's programs in {@code supervisorctl status}, nginx's access log in the log directory.
 * Python also gets a redeploy with the dependency step skipped and a broken push (pip fails) that
 * leaves the old release serving throughout. Ports are free ones (PORT_WWW in environment:).
 */
class ServiceTypesIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        for (String tool : List.of("nginx", "uwsgi", "php-fpm8.2", "composer", "ruby", "bundle", "cpanm", "supervisorctl",
                "python3")) {
            Apps.requireTool(tool);
        }
    }

    @Test
    void everyWebTypeServesRedeploysAndKeepsTheOldOneOnABrokenPush() throws Exception {
        // searchable by others, as /home is: as root, the stacks' workers then run as www-data (issue 24 item 9)
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        int port = Apps.freePort();
        Path home = dir.resolve("home");
        Path socket = home.resolve("run/supervisor.sock");
        Path logs = home.resolve("log");
        Path py = tree("python-app", port);
        Steward.Result first = deploy("py1", home, py);
        assertTrue(first.stdout().contains("Successfully installed greeting-1.0"), first.stdout());

        try (Steward agent = Steward.start(Files.createDirectories(dir.resolve("out-run")), "run", "--home", home.toString(),
                "--socket", socket.toString(), "--log-dir", logs.toString())) {
            String hello = "200 Hello from python on Steward: hello, www, from the greeting wheel (virtualenv " + home.resolve("env");
            await().atMost(WAIT).until(() -> Apps.get(port).startsWith(hello));
            webChecks(home, port, socket, logs, "uwsgi");
            if ("root".equals(System.getProperty("user.name"))) {
                List<Long> workers = ProcessHandle.of(pid(socket, "nginx")).orElseThrow().children().map(ProcessHandle::pid).toList();
                assertFalse(workers.isEmpty());
                for (long w : workers) {
                    String status = Files.readString(Path.of("/proc", Long.toString(w), "status"));
                    assertTrue(status.contains("\nUid:\t33\t33\t33\t33\n"), "nginx worker as www-data: " + status);
                }
            }

            // redeploy with new text: requirements unchanged, so pip does not run; the new uWSGI starts
            // beside the old one on the same held socket and nginx is not touched (what it reads is
            // unchanged, so its keep-alive connections stay open): old or new text only, never a gap
            Path wsgi = py.resolve("app/wsgi.py");
            String good = Files.readString(wsgi).replace("Hello from python", "Hello again from python");
            Files.writeString(wsgi, good);
            long nginxPid = pid(socket, "nginx");
            List<Long> nginxWorkers = ProcessHandle.of(nginxPid).orElseThrow().children().map(ProcessHandle::pid).toList();
            try (HttpWatch watch = new HttpWatch(port)) {
                Steward.Result again = deploy("py2", home, py);
                assertTrue(again.stdout().contains("requirements unchanged: reusing " + home.resolve("env")), again.stdout());
                assertTrue(again.stdout().contains("nginx kept serving, its configuration unchanged"), again.stdout());
                assertFalse(again.stdout().contains("pip' install"), again.stdout());
                assertTrue(watch.seen().stream().allMatch(s -> s.startsWith("200 Hello from python")
                        || s.startsWith("200 Hello again from python")), watch.seen().toString());
            }
            assertTrue(Apps.get(port).startsWith("200 Hello again from python"));
            assertEquals(nginxPid, pid(socket, "nginx"), "one nginx across the redeploy");
            assertEquals(nginxWorkers, ProcessHandle.of(nginxPid).orElseThrow().children().map(ProcessHandle::pid).toList(),
                    "not reloaded: the same workers");

            // app code that cannot load: the new uWSGI never runs, the old one serves throughout
            Files.writeString(wsgi, "raise RuntimeError('broken push')\n");
            try (HttpWatch watch = new HttpWatch(port)) {
                Steward.Result broken = Apps.steward(dir, "py-broken", "deploy", "--home", home.toString(), "--ready-timeout",
                        "20", py.toString());
                assertEquals(1, broken.exitCode(), broken.stdout() + broken.stderr());
                assertTrue(broken.stdout().contains("kept serving"), broken.stdout());
                assertTrue(watch.seen().stream().allMatch(s -> s.startsWith("200 Hello again from python")), watch.seen().toString());
            }
            Files.writeString(wsgi, good);

            // a broken push (a requirement no index has): the build fails, the old release serves throughout
            Files.writeString(py.resolve("app/requirements.txt"), "no-such-package-anywhere==9.9\n",
                    java.nio.file.StandardOpenOption.APPEND);
            try (HttpWatch watch = new HttpWatch(port)) {
                Steward.Result broken = Apps.steward(dir, "py3", "deploy", "--home", home.toString(), py.toString());
                assertEquals(1, broken.exitCode(), broken.stdout() + broken.stderr());
                assertTrue(broken.stderr().contains("Build failed in pip"), broken.stderr());
                assertTrue(broken.stdout().contains("is still serving"), broken.stdout());
                await().atMost(WAIT).until(() -> watch.seen().size() > 3);
                assertTrue(watch.seen().stream().allMatch(s -> s.startsWith("200 Hello again from python")), watch.seen().toString());
            }

            // static: nginx alone, the approot's static/404.html for a missing page
            deploy("static", home, tree("static-site", port));
            await().atMost(WAIT).until(() -> Apps.get(port).startsWith("200 <!doctype html><title>static on Steward"));
            HttpResponse<String> missing = Apps.request("GET", port, "/nope");
            assertEquals(404, missing.statusCode());
            assertTrue(missing.body().contains("static-site: no such page."), missing.body());
            webChecks(home, port, socket, logs, null);

            // php: composer's vendor autoloaded, the approot's php.ini applied after Debian's
            deploy("php", home, tree("php-app", port));
            await().atMost(WAIT).until(() -> Apps.get(port).startsWith(
                    "200 Hello from php on Steward: hello, www, from the greeting package\nmemory_limit 77M"));
            webChecks(home, port, socket, logs, "php-fpm");

            // ruby: puma with the bundle's path gem, public/ served by nginx
            deploy("ruby", home, tree("ruby-app", port));
            await().atMost(WAIT).until(() -> Apps.get(port).startsWith(
                    "200 Hello from ruby on Steward: hello, www, from the greeting gem (RACK_ENV production)"));
            assertEquals("User-agent: *\n", Apps.request("GET", port, "/robots.txt").body());
            webChecks(home, port, socket, logs, "puma");

            // perl: uWSGI psgi with the dist cpanm put in ~/perl5, /static from the approot
            deploy("perl", home, tree("perl-app", port));
            await().atMost(WAIT).until(() -> Apps.get(port).startsWith(
                    "200 Hello from perl on Steward: hello, www, from the Greeting dist"));
            assertEquals("body { color: #333 }\n", Apps.request("GET", port, "/static/style.css").body());
            webChecks(home, port, socket, logs, "uwsgi");

            agent.signal("TERM");
            assertEquals(0, agent.waitFor(30));
        }
    }

    @Test
    void pythonWorkerRunsItsProgramWithTheVirtualenv() throws Exception {
        Path home = dir.resolve("home");
        Path logs = home.resolve("log");
        deploy("worker", home, Apps.sample("python-worker", dir.resolve("worker")));
        try (Steward agent = Steward.start(Files.createDirectories(dir.resolve("out-run")), "run", "--home", home.toString(),
                "--socket", home.resolve("run/supervisor.sock").toString(), "--log-dir", logs.toString())) {
            await().atMost(WAIT).until(() -> Files.isRegularFile(logs.resolve("worker.log"))
                    && Files.readString(logs.resolve("worker.log")).contains("tick 1 hello, worker, from the greeting wheel"));
            assertTrue(Files.readString(logs.resolve("worker.log")).contains("worker started with " + home.resolve("env/bin/python")));
            // only the user's program: a worker has no stack
            await().atMost(WAIT).until(() -> Apps.exec(dir, "supervisorctl", "-s", "unix://" + home.resolve("run/supervisor.sock"),
                    "status").stdout().matches("worker\\s+RUNNING[^\\n]*\\n?"));
            agent.signal("TERM");
            assertEquals(0, agent.waitFor(30));
            assertTrue(Files.readString(logs.resolve("worker.log")).contains("worker stopped after"));
        }
    }

    @Test
    void checkJsonNamesEveryTypesPrograms() throws Exception {
        for (var e : List.of(List.of("python-app", "nginx", "uwsgi"), List.of("static-site", "nginx"),
                List.of("php-app", "nginx", "php-fpm"), List.of("ruby-app", "nginx", "puma"), List.of("perl-app", "nginx", "uwsgi"),
                List.of("python-worker", "worker"))) {
            Steward.Result r = Apps.steward(dir, "check-" + e.get(0), "deploy", "--check", "--json", "--home",
                    dir.resolve("h").toString(), Apps.SAMPLES.resolve(e.get(0)).toString());
            assertEquals(0, r.exitCode(), r.stderr());
            List<String> names = Pattern.compile("\"name\": \"([a-z-]+)\",\\s*\"command\"").matcher(r.stdout()).results()
                    .map(m -> m.group(1)).toList();
            assertEquals(e.subList(1, e.size()), names, r.stdout());
        }
    }

    private long pid(Path socket, String program) throws Exception {
        return Long.parseLong(Apps.exec(dir, "supervisorctl", "-s", "unix://" + socket, "pid", program).stdout().trim());
    }

    private Path tree(String sample, int port) throws Exception {
        Path t = dir.resolve("tree-" + sample);
        if (Files.exists(t)) {
            return t;
        }
        return Apps.sample(sample, t, "  environment:", "    PORT_WWW: \"" + port + "\"");
    }

    private Steward.Result deploy(String name, Path home, Path tree) throws Exception {
        Steward.Result r = Apps.steward(dir, name, "deploy", "--home", home.toString(), tree.toString());
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        return r;
    }

    /** nginx.conf included, maintenance → 503 (then back), the stack in supervisorctl status, nginx's log. */
    private void webChecks(Path home, int port, Path socket, Path logs, String appServer) throws Exception {
        HttpResponse<String> included = Apps.request("GET", port, "/nginx-include");
        assertEquals("nginx.conf included\n", included.body());
        Path maintenance = home.resolve("current/maintenance");
        Files.writeString(maintenance, "");
        assertEquals(503, Apps.request("GET", port, "/").statusCode());
        Files.delete(maintenance);
        assertEquals(200, Apps.request("GET", port, "/").statusCode());
        String expected = appServer == null ? "(?s)nginx\\s+RUNNING[^\\n]*\\n?"
                : "(?s)nginx\\s+RUNNING[^\\n]*\\n" + appServer + "\\s+RUNNING[^\\n]*\\n?";
        await().atMost(WAIT).until(() -> Apps.exec(dir, "supervisorctl", "-s", "unix://" + socket, "status").stdout()
                .matches(expected));
        assertTrue(Files.readString(logs.resolve("nginx.log")).contains("\"GET /nginx-include HTTP/1.1\" 200"));
    }
}
