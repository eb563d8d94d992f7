package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed app end to end with real node, npm and supervisorctl: deploy with no agent, {@code run},
 * HTTP, {@code supervisorctl status}, the health endpoint, {@code logs -f}, a killed program coming
 * back, a redeploy (new text served, SIGTERM line in the old process's log, npm skipped), a failing
 * prebuild and a web process that never comes up (old text served throughout), and SIGTERM.
 * One agent for the whole story keeps it to seconds.
 */
class RamenIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern GAP = Pattern.compile("was unavailable for (\\d+) ms");
    private static final Pattern TOTAL = Pattern.compile("Total time: (\\d+) ms");

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        Apps.requireTool("node");
        Apps.requireTool("npm");
        Apps.requireTool("supervisorctl");
    }

    @Test
    void deployRunRedeployAndBrokenPushes() throws Exception {
        int port = Apps.freePort();
        int health = Apps.freePort();
        Path home = dir.resolve("home");
        Path tree = Apps.sample("ramen-on-dotcloud", dir.resolve("tree"), "  environment:", "    PORT_WWW: \"" + port + "\"");
        Path tgz = Apps.localTarball(dir);
        Path postinstall = tree.resolve("hellonode/postinstall");
        Files.writeString(postinstall, "#!/bin/sh\necho \"postinstall sees PORT_WWW=$PORT_WWW in $(pwd)\"\n");
        postinstall.toFile().setExecutable(true);
        // the SIGTERM handler also leaves a marker file with its pid, so the test sees who got the signal
        Path marker = dir.resolve("sigterm-marker");
        Path serverJs = tree.resolve("hellonode/server.js");
        Files.writeString(serverJs, Files.readString(serverJs).replace("console.log('Got SIGTERM exiting...');",
                "require('fs').appendFileSync('" + marker + "', process.pid + '\\n');\n  console.log('Got SIGTERM exiting...');"));
        Path pkg = tree.resolve("hellonode/package.json");
        Files.writeString(pkg, Files.readString(pkg).replace("\"dependencies\": {}",
                "\"dependencies\": {\"tinydep\": \"file:" + tgz + "\"}"));

        // deploy with no agent: build, switch, postinstall, and say that `run` will start it
        Steward.Result first = Apps.steward(dir, "deploy1", "deploy", "--home", home.toString(), tree.toString());
        assertEquals(0, first.exitCode(), first.stdout() + first.stderr());
        assertTrue(first.stdout().contains("Installing build revision rsync-"), first.stdout());
        assertTrue(first.stdout().contains("steward run --home " + home), first.stdout());
        assertTrue(first.stdout().contains("postinstall sees PORT_WWW=" + port + " in " + home.resolve("current")),
                first.stdout());
        String code = Files.readSymbolicLink(home.resolve("code")).toString();
        assertTrue(code.matches("rsync-\\d+"), code);
        assertEquals(Path.of("code/hellonode"), Files.readSymbolicLink(home.resolve("current")));
        assertTrue(Files.readString(home.resolve("environment.json")).contains("\"PORT_WWW\": \"" + port + "\""));
        assertTrue(Files.isDirectory(home.resolve("current/node_modules/tinydep")));

        Path socket = home.resolve("run/supervisor.sock");
        Path logs = home.resolve("log");
        Path runOut = Files.createDirectories(dir.resolve("out-run"));
        try (Steward agent = Steward.start(runOut, "run", "--home", home.toString(), "--socket", socket.toString(),
                "--log-dir", logs.toString(), "--health-port", Integer.toString(health))) {
            await().atMost(WAIT).until(() -> Apps.get(port).startsWith("200 Hello World!"));
            assertTrue(Apps.get(port).contains("\"host\""), "echoes the request headers");
            assertTrue(Files.readString(home.resolve(".steward/agent.json")).contains("\"socket\":\"" + socket + "\""));

            // the stock supervisorctl against the agent's socket
            await().atMost(WAIT).until(() -> Apps.exec(dir, "supervisorctl", "-s", "unix://" + socket, "status").stdout()
                    .contains("RUNNING"));
            Steward.Result status = Apps.exec(dir, "supervisorctl", "-s", "unix://" + socket, "status");
            assertTrue(status.stdout().matches("(?s)node\\s+RUNNING\\s+pid \\d+, uptime \\d+:\\d\\d:\\d\\d\\s*"),
                    status.stdout());

            // health: 200 once ready, on the configured path and Hipache's
            await().atMost(WAIT).until(() -> Apps.request("GET", health, "/health").statusCode() == 200);
            HttpResponse<String> h = Apps.request("GET", health, "/health");
            assertTrue(h.body().contains("\"ready\":true") && h.body().contains("\"programs\":1,\"running\":1"), h.body());
            assertFalse(h.body().contains("node") || h.body().contains("pid"), "names and pids only on the socket: " + h.body());
            assertEquals(200, Apps.request("HEAD", health, "/CloudHealthCheck").statusCode());
            assertEquals(404, Apps.request("GET", health, "/other").statusCode());
            // without --metrics the open health port names no program: no Prometheus page there
            assertEquals(404, Apps.request("GET", health, "/metrics").statusCode());

            // logs -f sees a new line within a second; the killed program comes back and serves again
            Path logsOut = Files.createDirectories(dir.resolve("out-logs"));
            try (Steward tail = Steward.start(logsOut, "logs", "--log-dir", logs.toString(), "-f", "-n", "5")) {
                await().atMost(WAIT).until(() -> Files.readString(logsOut.resolve("steward.out"))
                        .contains("node        | Server running on port " + port));
                long nodePid = nodePid(socket);
                new ProcessBuilder("kill", "-9", Long.toString(nodePid)).start().waitFor();
                await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                        .until(() -> Files.readString(logsOut.resolve("steward.out")).contains("exited: node (terminated by SIGKILL"));
                await().atMost(WAIT).until(() -> Apps.get(port).startsWith("200 Hello World!"));
                assertNotEquals(nodePid, nodePid(socket));
            }

            // redeploy an edited server.js: new text after, SIGTERM line in the old process's log, npm not run
            Path server = tree.resolve("hellonode/server.js");
            long oldNode = nodePid(socket);
            Files.writeString(server, Files.readString(server).replace("Hello World!", "Hello Again!"));
            Steward.Result redeploy;
            try (HttpWatch watch = new HttpWatch(port)) {
                redeploy = Apps.steward(dir, "deploy2", "deploy", "--home", home.toString(), tree.toString());
                assertEquals(0, redeploy.exitCode(), redeploy.stdout() + redeploy.stderr());
                assertTrue(watch.seen().stream().allMatch(s -> s.equals("200 Hello World!") || s.equals("200 Hello Again!")
                        || s.equals("DOWN")), "only old text, new text or a short gap: " + watch.seen());
            }
            for (String line : List.of("Running postinstall script...", "Launching...",
                    "Waiting for the instance to become responsive...", "Successfully installed build revision rsync-",
                    "package.json unchanged: reusing node_modules")) {
                assertTrue(redeploy.stdout().contains(line), line + " in\n" + redeploy.stdout());
            }
            assertFalse(redeploy.stdout().contains("npm' install"), redeploy.stdout());
            // new connections reach the new release; a connection the test client kept alive gets one
            // more answer from the draining old process, with "Connection: close"
            await().atMost(Duration.ofSeconds(5)).until(() -> Apps.get(port).startsWith("200 Hello Again!"));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(logs.resolve("node.log")).contains("Got SIGTERM exiting..."));
            // the old node's SIGTERM handler runs once its drain is over
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readAllLines(marker).contains(String.valueOf(oldNode)));
            System.out.println("MEASURE redeploy total_ms=" + group(TOTAL, redeploy.stdout()) + " gap_ms="
                    + group(GAP, redeploy.stdout()));

            // a failing prebuild: nothing changes, HTTP 200 with the old text throughout
            Files.writeString(tree.resolve("hellonode/broken.sh"), "#!/bin/sh\necho prebuild broke here\nexit 3\n");
            tree.resolve("hellonode/broken.sh").toFile().setExecutable(true);
            Files.writeString(tree.resolve("dotcloud.yml"), "  prebuild: ./broken.sh\n", java.nio.file.StandardOpenOption.APPEND);
            try (HttpWatch watch = new HttpWatch(port)) {
                Steward.Result broken = Apps.steward(dir, "deploy3", "deploy", "--home", home.toString(), tree.toString());
                assertEquals(1, broken.exitCode());
                // the hook's output is streamed once (stdout), the failure told once on stderr
                assertTrue(broken.stdout().contains("prebuild broke here"), broken.stdout());
                assertTrue(broken.stderr().contains("Build failed in prebuild: ./broken.sh exited with status 3"), broken.stderr());
                assertTrue(broken.stdout().contains("is still serving"), broken.stdout());
                await().atMost(WAIT).until(() -> watch.seen().size() > 3);
                assertTrue(watch.seen().stream().allMatch("200 Hello Again!"::equals), watch.seen().toString());
            }

            // a web process that never listens: put back, old text served again
            Files.writeString(tree.resolve("dotcloud.yml"), Files.readString(tree.resolve("dotcloud.yml"))
                    .replace("  prebuild: ./broken.sh\n", ""));
            Files.writeString(server, "setInterval(function () {}, 1000);\n");
            long serving = nodePid(socket);
            Steward.Result dead = Apps.steward(dir, "deploy4", "deploy", "--home", home.toString(), "--ready-timeout", "3",
                    tree.toString());
            assertEquals(1, dead.exitCode(), dead.stdout());
            assertTrue(dead.stdout().contains("did not become responsive"), dead.stdout());
            // the new release ran beside the old one on the held socket and was given up: the old
            // process was never stopped
            assertTrue(dead.stdout().contains("kept serving; nothing else changed"), dead.stdout());
            assertEquals(serving, nodePid(socket));
            assertTrue(Apps.get(port).startsWith("200 Hello Again!"));

            // docker stop: SIGTERM stops everything and the agent exits 0
            long nodePid = nodePid(socket);
            agent.signal("TERM");
            assertEquals(0, agent.waitFor(20));
            assertFalse(ProcessHandle.of(nodePid).map(ProcessHandle::isAlive).orElse(false));
            assertFalse(Files.exists(home.resolve(".steward/agent.json")));
        }
    }

    private static long nodePid(Path socket) throws Exception {
        Steward.Result r = Apps.exec(socket.getParent(), "supervisorctl", "-s", "unix://" + socket, "pid", "node");
        return Long.parseLong(r.stdout().trim());
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : "?";
    }
}
