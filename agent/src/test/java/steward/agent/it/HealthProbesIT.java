package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.agent.container.AgentInfo;

/**
 * {@code steward run}'s three probes as an orchestrator uses them (issue 20 item 4, issue 24 item
 * 5): readiness ({@code /health}, {@code /CloudHealthCheck}) turns 503 at the first SIGTERM while
 * the programs keep serving for the drain delay, a second signal ends the delay; liveness
 * ({@code /livez}) stays 200 through the drain and a redeploy; startup ({@code /startupz}) waits for
 * the first release to be ready, or is up at once when there is none; a client holding half a
 * request delays no probe.
 */
class HealthProbesIT {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    /** A release whose one program is {@code command}, RUNNING after {@code startsecs}. */
    private Path tree(String name, String command, int startsecs) throws Exception {
        Path tree = Files.createDirectories(dir.resolve(name + "/app"));
        Files.writeString(tree.getParent().resolve("dotcloud.yml"), "svc:\n  type: python-worker\n  approot: app\n");
        Files.writeString(tree.resolve("supervisord.conf"), "[program:web]\ncommand = " + command
                + "\nstartsecs = " + startsecs + "\n");
        return tree.getParent();
    }

    private Steward run(Path home, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--home", home.toString(), "--socket",
                home.resolve("run/s.sock").toString(), "--log-dir", home.resolve("log").toString(), "--health-port", "0"));
        args.addAll(List.of(extra));
        Steward agent = Steward.start(Files.createDirectories(dir.resolve("out-run")), args.toArray(String[]::new));
        await().atMost(WAIT).until(() -> AgentInfo.read(home).map(AgentInfo::healthPort).orElse(0) > 0);
        return agent;
    }

    /** The status and body of {@code method path} on the health port; status -1 when nothing answered in 2 s. */
    private static Answer probe(int port, String method, String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(""));
        } catch (java.io.IOException e) {
            return new Answer(-1, e.toString(), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted", "");
        }
    }

    private record Answer(int status, String body, String retryAfter) {
    }

    private static int status(int port, String path) {
        return probe(port, "GET", path).status();
    }

    @Test
    void aStopAnswers503AtOnceKeepsServingStaysLiveAndASecondSignalEndsTheDelay() throws Exception {
        String mark = "7" + System.nanoTime() % 100000;
        int appPort = Apps.freePort();
        Path docs = Files.createDirectories(dir.resolve("docs" + mark));
        Files.writeString(docs.resolve("index.html"), "still serving\n");
        Path home = dir.resolve("home");
        Path tree = tree("tree", "python3 -m http.server " + appPort + " --bind 127.0.0.1 --directory " + docs, 0);
        assertEquals(0, Apps.steward(dir, "deploy", "deploy", "--home", home.toString(), tree.toString()).exitCode());
        try (Steward agent = run(home, "--drain-delay", "30")) {
            int port = AgentInfo.read(home).orElseThrow().healthPort();
            await().atMost(WAIT).until(() -> status(port, "/health") == 200 && Apps.get(appPort).startsWith("200"));
            assertEquals(200, status(port, "/startupz"));
            assertEquals(200, status(port, "/livez"));

            agent.signal("TERM");
            long signalled = System.nanoTime();
            await().atMost(Duration.ofSeconds(2)).until(() -> status(port, "/health") == 503);
            assertTrue(System.nanoTime() - signalled < Duration.ofSeconds(2).toNanos(), "readiness fails at once");
            Answer hipache = probe(port, "HEAD", "/CloudHealthCheck");
            assertEquals(503, hipache.status());
            assertEquals("2", hipache.retryAfter(), "maintenance, not a dead backend");
            assertTrue(probe(port, "GET", "/health").body().contains("\"phase\":\"draining\""));
            Answer live = probe(port, "GET", "/livez");
            assertEquals(200, live.status(), "draining is not wedged: " + live.body());
            assertEquals(200, status(port, "/startupz"));
            assertEquals("200 still serving\n", Apps.get(appPort), "the program keeps serving during the delay");
            await().atMost(WAIT).until(() -> agent.stdout().contains("drain delay of 30.0 s begins"));

            agent.signal("INT");
            long second = System.nanoTime();
            assertEquals(0, agent.waitFor(25));
            assertTrue(System.nanoTime() - second < Duration.ofSeconds(15).toNanos(),
                    "the second signal ended the 30 s delay");
            assertTrue(agent.stdout().contains("drain delay cut short by SIGINT"), agent.stdout());
        }
        await().atMost(WAIT).until(() -> Procs.withMarker(mark).isEmpty());
    }

    @Test
    void livenessStaysUpThroughARedeployAndStartupWaitsForTheFirstReadyRelease() throws Exception {
        String mark = "8" + System.nanoTime() % 100000;
        Path home = dir.resolve("home");
        assertEquals(0, Apps.steward(dir, "deploy1", "deploy", "--home", home.toString(),
                tree("one", "/bin/sh -c 'exec sleep 61" + mark + "'", 5).toString()).exitCode());
        try (Steward agent = run(home, "--drain-delay", "0")) {
            int port = AgentInfo.read(home).orElseThrow().healthPort();
            assertEquals(503, status(port, "/startupz"), "the first release is not ready yet (startsecs = 5)");
            assertEquals(200, status(port, "/livez"), "starting is not wedged");
            await().atMost(WAIT).until(() -> status(port, "/startupz") == 200);
            assertEquals(200, status(port, "/health"));

            CompletableFuture<Steward.Result> redeploy = CompletableFuture.supplyAsync(() -> {
                try {
                    return Apps.steward(dir, "deploy2", "deploy", "--home", home.toString(),
                            tree("two", "/bin/sh -c 'exec sleep 62" + mark + "'", 5).toString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            List<String> seen = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                Answer h = probe(port, "GET", "/health");
                seen.add(h.status() + " " + (h.body().contains("redeploying") ? "redeploying" : "")
                        + " live=" + status(port, "/livez") + " startup=" + status(port, "/startupz"));
                return redeploy.isDone();
            });
            assertEquals(0, redeploy.join().exitCode(), redeploy.join().stdout() + redeploy.join().stderr());
            assertTrue(seen.stream().anyMatch(s -> s.startsWith("503 redeploying")), "a redeploy was probed: " + seen);
            assertTrue(seen.stream().allMatch(s -> s.endsWith("live=200 startup=200")), seen.toString());
            await().atMost(WAIT).until(() -> status(port, "/health") == 200);
        }
        await().atMost(WAIT).until(() -> Procs.withMarker(mark).isEmpty());
    }

    @Test
    void withNoReleaseStartupIsUpAtOnceAndAHalfSentRequestDelaysNoProbe() throws Exception {
        Path home = Files.createDirectories(dir.resolve("empty"));
        try (Steward agent = run(home, "--drain-delay", "0")) {
            int port = AgentInfo.read(home).orElseThrow().healthPort();
            await().atMost(WAIT).until(() -> status(port, "/startupz") == 200);
            Answer ready = probe(port, "GET", "/health");
            assertEquals(503, ready.status());
            assertTrue(ready.body().contains("\"phase\":\"waiting\""), ready.body());
            assertEquals(404, status(port, "/nothing"));
            try (Socket held = new Socket(InetAddress.getLoopbackAddress(), port)) {
                OutputStream out = held.getOutputStream();
                out.write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush(); // and never the blank line
                long t0 = System.nanoTime();
                for (String path : List.of("/livez", "/startupz", "/livez")) {
                    assertEquals(200, status(port, path), path + " while a request is held");
                }
                assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(3).toNanos(), "answered at once");
                held.setSoTimeout(20_000);
                InputStream in = held.getInputStream();
                String cut = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                assertFalse(cut.startsWith("HTTP/1.1 200"), "the held request was cut at the deadline: " + cut);
            }
        }
    }
}
