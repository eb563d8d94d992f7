package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.agent.container.AgentInfo;
import steward.agent.metrics.Promtool;

/**
 * Container mode ({@code steward run}) as an orchestrator sees it: {@code --log-stdout --log-format
 * json} carries every program's lines, cron's and the agent's on stdout while the log files stay
 * as they were; {@code /metrics} answers on the health port and the control socket (promtool
 * passes, cron runs are counted); {@code environment_file} relative to the approot works; {@code
 * steward logs --json} prints the same shape.
 */
class ContainerRunIT {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private Path tree(String mark) throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree/app"));
        Files.writeString(tree.getParent().resolve("dotcloud.yml"), "svc:\n  type: python-worker\n  approot: app\n");
        Files.writeString(tree.resolve("supervisord.conf"), String.join("\n",
                "[program:talker]",
                "command = /bin/sh -c 'echo \"hello $GREETING\"; echo \"to stderr\" >&2; exec sleep 30" + mark + "'",
                "environment_file = app.env",
                "startsecs = 0",
                ""));
        Files.writeString(tree.resolve("app.env"), "GREETING=\"from the env file\"\n");
        Files.writeString(tree.resolve("crontab"), "@every 1s echo tick-from-cron\n");
        return tree.getParent();
    }

    @Test
    void logStdoutJsonMetricsOnTheHealthPortAndLogsJson() throws Exception {
        Promtool.require();
        String mark = "9" + System.nanoTime() % 100000;
        Path home = dir.resolve("home");
        Steward.Result deploy = Apps.steward(dir, "deploy", "deploy", "--home", home.toString(), tree(mark).toString());
        assertEquals(0, deploy.exitCode(), deploy.stdout() + deploy.stderr());
        Path logs = home.resolve("log");
        Path out = Files.createDirectories(dir.resolve("out-run"));
        try (Steward agent = Steward.start(out, "run", "--home", home.toString(), "--socket",
                home.resolve("run/s.sock").toString(), "--log-dir", logs.toString(), "--health-port", "0",
                "--metrics", "--log-stdout", "--log-format", "json")) {
            await().atMost(WAIT).until(() -> agent.stdout().contains(
                    "\"source\":\"talker\",\"stream\":\"stdout\",\"line\":\"hello from the env file\"}"));
            await().atMost(WAIT).until(() -> agent.stdout().contains(
                    "\"source\":\"talker\",\"stream\":\"stderr\",\"line\":\"to stderr\"}"));
            await().atMost(WAIT).until(() -> agent.stdout().lines().anyMatch(l -> l.contains("\"source\":\"cron\"")
                    && l.contains("tick-from-cron")));
            assertTrue(agent.stdout().lines().anyMatch(l -> l.startsWith("{\"ts\":\"")
                    && l.contains("\"source\":\"supervisord\",\"stream\":\"stdout\",\"level\":\"info\","
                            + "\"line\":\"steward run started with pid")), agent.stdout());
            for (String line : agent.stdout().lines().toList()) {
                assertTrue(line.matches("\\{\"ts\":\"[0-9T:.\\-]+Z\",\"source\":\"[a-z_]+\",\"stream\":\"std(out|err)\","
                        + "(\"level\":\"[a-z]+\",)?\"line\":\".*\"}"), "every stdout line is one JSON record: " + line);
                assertFalse(line.matches(".*\"line\":\"\\d{4}-\\d\\d-\\d\\d \\d\\d:.*"), "no stamp in the text: " + line);
            }
            // the log files are what they were: raw program output, no prefixes
            assertEquals("hello from the env file\n", Files.readString(logs.resolve("talker.log")));
            assertEquals("to stderr\n", Files.readString(logs.resolve("talker_error.log")));

            int port = AgentInfo.read(home).orElseThrow().healthPort();
            HttpResponse<String> metrics = await().atMost(WAIT).until(() -> HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()),
                    r -> r.body().contains("steward_cron_job_runs_total{line=\"1\",outcome=\"success\"}"));
            assertEquals(200, metrics.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8",
                    metrics.headers().firstValue("Content-Type").orElseThrow());
            String body = metrics.body();
            assertTrue(body.contains("steward_process_state{name=\"talker\",group=\"talker\",state=\"RUNNING\"} 1\n"), body);
            assertTrue(body.contains("steward_deploys_total{outcome=\"success\"} 0\n"), body);
            assertTrue(body.contains("steward_cron_job_duration_seconds_bucket{line=\"1\",le=\"+Inf\"} "), body);
            assertTrue(body.contains("\nsteward_log_stdout_dropped_records_total 0\n"), body);
            assertEquals("", Promtool.check(body));
            String viaSocket = UnixHttp.get(home.resolve("run/s.sock"), "/metrics", null, null).body();
            assertTrue(viaSocket.contains("steward_process_state{name=\"talker\",group=\"talker\",state=\"RUNNING\"} 1\n"),
                    viaSocket);

            Steward.Result json = Apps.steward(dir, "logs", "logs", "--log-dir", logs.toString(), "-n", "3", "--json",
                    "talker");
            assertEquals(0, json.exitCode(), json.stderr());
            List<String> lines = json.stdout().lines().toList();
            assertTrue(lines.stream().anyMatch(l -> l.matches("\\{\"ts\":\"[^\"]+Z\",\"source\":\"talker\","
                    + "\"stream\":\"stdout\",\"line\":\"hello from the env file\"}")), json.stdout());
            assertTrue(lines.stream().anyMatch(l -> l.endsWith("\"source\":\"talker\",\"stream\":\"stderr\","
                    + "\"line\":\"to stderr\"}")), json.stdout());

            agent.signal("TERM");
            assertEquals(0, agent.waitFor(30));
        }
        assertFalse(Procs.withMarker("30" + mark).size() > 0, "programs stopped");
    }

    @Test
    void healthWaitsForReadinessDependantsWaitAndAnEssentialExitEndsTheContainer() throws Exception {
        Apps.requireTool("python3");
        String mark = "3" + System.nanoTime() % 100000;
        int apiPort = Apps.freePort();
        Path home = dir.resolve("home");
        Path app = Files.createDirectories(dir.resolve("tree2/app"));
        Files.writeString(app.getParent().resolve("dotcloud.yml"), "svc:\n  type: python-worker\n  approot: app\n");
        Files.writeString(app.resolve("api.py"), String.join("\n",
                "import http.server, os, sys, time",
                "while not os.path.exists(sys.argv[2]): time.sleep(0.05)",
                "class H(http.server.BaseHTTPRequestHandler):",
                "    def do_GET(self):",
                "        self.send_response(200 if self.path == '/ready' else 404); self.end_headers()",
                "http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()", ""));
        Files.writeString(app.resolve("supervisord.conf"), String.join("\n",
                "[program:api]",
                "command = /usr/bin/python3 -u /home/dotcloud/current/api.py " + apiPort + " /home/dotcloud/api-go " + mark,
                "ready = http://127.0.0.1:" + apiPort + "/ready",
                "startsecs = 0",
                "",
                "[program:front]",
                "command = /bin/sh -c 'echo front up; exec sleep 36" + mark + "'",
                "depends_on = api",
                "startsecs = 0",
                "",
                "[program:job]",
                "command = /bin/sh -c 'while [ ! -e /home/dotcloud/stop-now ]; do sleep 0.1; done; exit 5'",
                "essential = true",
                "autorestart = false",
                "startsecs = 0",
                ""));
        Steward.Result deploy = Apps.steward(dir, "deploy2", "deploy", "--home", home.toString(),
                app.getParent().toString());
        assertEquals(0, deploy.exitCode(), deploy.stdout() + deploy.stderr());
        Path logs = home.resolve("log");
        Path out = Files.createDirectories(dir.resolve("out-run2"));
        try (Steward agent = Steward.start(out, "run", "--home", home.toString(), "--socket",
                home.resolve("run/s.sock").toString(), "--log-dir", logs.toString(), "--health-port", "0", "--metrics")) {
            await().atMost(WAIT).until(() -> AgentInfo.read(home).map(AgentInfo::healthPort).orElse(0) > 0);
            int port = AgentInfo.read(home).orElseThrow().healthPort();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
            HttpResponse<String> waiting = await().atMost(WAIT).until(
                    () -> HTTP.send(health, HttpResponse.BodyHandlers.ofString()),
                    r -> r.body().contains("\"programs\":3,\"running\":1"));
            assertEquals(503, waiting.statusCode(), waiting.body());
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("steward_process_state{name=\"api\",group=\"api\",state=\"STARTING\"} 1\n"),
                    metrics);
            assertTrue(metrics.contains("steward_process_ready{name=\"api\",group=\"api\"} 0\n"), metrics);
            assertTrue(metrics.contains("steward_process_state{name=\"front\",group=\"front\",state=\"STOPPED\"} 1\n"),
                    metrics);

            Files.writeString(home.resolve("api-go"), "");
            HttpResponse<String> ok = await().atMost(WAIT).until(
                    () -> HTTP.send(health, HttpResponse.BodyHandlers.ofString()), r -> r.statusCode() == 200);
            assertTrue(ok.body().contains("\"programs\":3,\"running\":3"), ok.body());
            assertEquals("front up\n", Files.readString(logs.resolve("front.log")));

            Files.writeString(home.resolve("stop-now"), "");
            assertEquals(5, agent.waitFor(30), "the essential program's exit status ends the container");
        }
        assertEquals(List.of(), Procs.withMarker(mark));
        String log = Files.readString(logs.resolve("supervisord.log"));
        assertTrue(log.contains("essential program job exited and will not be restarted"), log);
        assertTrue(log.contains("steward run stopped (exit status 5)"), log);
    }

    @Test
    void aRedeployWaitsForReadinessAndIsCounted() throws Exception {
        String mark = "2" + System.nanoTime() % 100000;
        Path home = dir.resolve("home");
        Path app = Files.createDirectories(dir.resolve("tree3/app"));
        Files.writeString(app.getParent().resolve("dotcloud.yml"), "svc:\n  type: python-worker\n  approot: app\n");
        Files.writeString(app.resolve("supervisord.conf"), "[program:base]\ncommand = sleep 37" + mark + "\n");
        assertEquals(0, Apps.steward(dir, "deploy3", "deploy", "--home", home.toString(), app.getParent().toString())
                .exitCode());
        Path logs = home.resolve("log");
        Path out = Files.createDirectories(dir.resolve("out-run3"));
        try (Steward agent = Steward.start(out, "run", "--home", home.toString(), "--socket",
                home.resolve("run/s.sock").toString(), "--log-dir", logs.toString(), "--health-port", "0", "--metrics")) {
            await().atMost(WAIT).until(() -> AgentInfo.read(home).map(AgentInfo::healthPort).orElse(0) > 0);
            URI metricsUri = URI.create("http://127.0.0.1:" + AgentInfo.read(home).orElseThrow().healthPort() + "/metrics");
            await().atMost(WAIT).until(() -> HTTP.send(HttpRequest.newBuilder(metricsUri).build(),
                    HttpResponse.BodyHandlers.ofString()).body()
                    .contains("steward_process_state{name=\"base\",group=\"base\",state=\"RUNNING\"} 1"));

            // v2: a program that is ready only once a flag exists, and one that depends on it
            Files.writeString(app.resolve("supervisord.conf"), String.join("\n",
                    "[program:slow]",
                    "command = sleep 38" + mark,
                    "ready = exec:test -e /home/dotcloud/v2-go",
                    "ready_timeout = 60",
                    "startsecs = 0",
                    "",
                    "[program:after]",
                    "command = sleep 39" + mark,
                    "depends_on = slow",
                    "startsecs = 0",
                    ""));
            Path deployOut = Files.createDirectories(dir.resolve("out-deploy-v2"));
            try (Steward deploy = Steward.start(deployOut, "deploy", "--home", home.toString(),
                    app.getParent().toString())) {
                await().atMost(WAIT).until(() -> HTTP.send(HttpRequest.newBuilder(metricsUri).build(),
                        HttpResponse.BodyHandlers.ofString()).body()
                        .contains("steward_process_state{name=\"slow\",group=\"slow\",state=\"STARTING\"} 1"));
                assertTrue(deploy.isAlive(), "the deploy waits while slow is not ready");
                assertEquals(List.of(), Procs.withMarker("39" + mark), "after waits for slow");
                Files.writeString(home.resolve("v2-go"), "");
                assertEquals(0, deploy.waitFor(60), deploy.stdout() + deploy.stderr());
            }
            await().atMost(WAIT).until(() -> Procs.withMarker("39" + mark).size() == 1);
            String body = HTTP.send(HttpRequest.newBuilder(metricsUri).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(body.contains("steward_deploys_total{outcome=\"success\"} 1\n"), body);
            assertTrue(body.matches("(?s).*\nsteward_deploy_last_duration_seconds [0-9.]+\n.*"), body);
            assertEquals("", Promtool.check(body));
            agent.signal("TERM");
            assertEquals(0, agent.waitFor(30));
        }
        assertEquals(List.of(), Procs.withMarker(mark));
    }

    @Test
    void aStdoutNobodyReadsNeverBlocksThePrograms() throws Exception {
        String mark = "1" + System.nanoTime() % 100000;
        Path home = dir.resolve("home");
        Path app = Files.createDirectories(dir.resolve("tree4/app"));
        Files.writeString(app.getParent().resolve("dotcloud.yml"), "svc:\n  type: python-worker\n  approot: app\n");
        // 200000 lines of 100 bytes (20 MB), then a marker line, then it waits
        Files.writeString(app.resolve("supervisord.conf"), String.join("\n",
                "[program:flood]",
                "command = /bin/sh -c 'yes " + "x".repeat(99) + " | head -n 200000; echo flood-done; exec sleep 40" + mark + "'",
                "startsecs = 0",
                "stdout_logfile_maxbytes = 0",
                ""));
        assertEquals(0, Apps.steward(dir, "deploy4", "deploy", "--home", home.toString(), app.getParent().toString())
                .exitCode());
        Path logs = home.resolve("log");
        ProcessBuilder pb = new ProcessBuilder(Steward.BIN.toString(), "run", "--home", home.toString(), "--socket",
                home.resolve("run/s.sock").toString(), "--log-dir", logs.toString(), "--health-port", "0",
                "--metrics", "--log-stdout").redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("STEWARD_NO_BUILD", "1");
        Process agent = pb.start();   // its stdout is a pipe this test never reads
        try {
            await().atMost(WAIT).until(() -> Files.exists(logs.resolve("flood.log"))
                    && Files.readString(logs.resolve("flood.log")).endsWith("flood-done\n"));
            assertEquals(200000L * 100 + "flood-done\n".length(), Files.size(logs.resolve("flood.log")));
            int port = AgentInfo.read(home).orElseThrow().healthPort();
            String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            long dropped = Long.parseLong(body.replaceAll("(?s).*\nsteward_log_stdout_dropped_records_total (\\d+)\n.*",
                    "$1"));
            assertTrue(dropped > 150000, "most of the flood was dropped from the stuck stdout: " + dropped);
            agent.destroy();
            assertTrue(agent.waitFor(30, java.util.concurrent.TimeUnit.SECONDS),
                    "SIGTERM stops the agent although its stdout is still full");
        } finally {
            agent.destroyForcibly();
            agent.getInputStream().close();
        }
        await().atMost(WAIT).until(() -> Procs.withMarker(mark).isEmpty());
    }
}
