package steward.agent.sockets;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preload's drain of WebSockets (the websocket-chat sample unchanged, npm {@code ws}) and of a
 * {@code cluster} app (a worker's crash, the primary's SIGTERM), on a socket held by holder.py.
 */
class NodeDrainIT {
    @TempDir
    Path dir;

    /** A WebSocket client that records what it receives and when it was closed. */
    record Client(WebSocket ws, BlockingQueue<String> received, CompletableFuture<String> closed) {
        static Client open(int port) throws Exception {
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            CompletableFuture<String> closed = new CompletableFuture<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            received.add(data.toString());
                            w.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                            closed.complete("close " + code);
                            return null;
                        }

                        @Override
                        public void onError(WebSocket w, Throwable error) {
                            closed.complete("error " + error);
                        }
                    }).get(5, TimeUnit.SECONDS);
            return new Client(ws, received, closed);
        }

        String ping() throws Exception {
            ws.sendText("ping", true).get(5, TimeUnit.SECONDS);
            String reply = received.poll(5, TimeUnit.SECONDS);
            return reply == null ? "no answer" : reply;
        }
    }

    @Test
    void webSocketsStayOpenThroughTheDrainUntilClosedOrTheDrainTimePasses() throws Exception {
        Holder.requireTool("npm");
        Path app = dir.resolve("chat");
        Files.createDirectories(app);
        Path sample = Holder.ROOT.resolve("samples/websocket-chat/app");
        for (String f : new String[] {"chat.js", "package.json"}) {
            Files.copy(sample.resolve(f), app.resolve(f));
        }
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund").directory(app.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("npm.out").toFile()).start();
        boolean installed = npm.waitFor(120, TimeUnit.SECONDS) && npm.exitValue() == 0;
        if (!installed && !"true".equals(System.getenv("CI"))) {
            assumeTrue(false, "npm could not install ws (no registry?): " + Files.readString(dir.resolve("npm.out")));
        }
        assertTrue(installed, Files.readString(dir.resolve("npm.out")));
        try (Holder holder = Holder.start(dir, "tcp")) {
            int port = holder.port(0);
            String chat = app.resolve("chat.js").toString();
            long old = holder.spawnNode("old", app, Map.of("PORT_WWW", "" + port), chat);
            await().atMost(Duration.ofSeconds(10)).until(() -> holder.notifications("old").contains("READY=1"));
            Client first = Client.open(port);
            assertEquals("pong", first.ping());

            holder.spawnNode("new", app, Map.of("PORT_WWW", "" + port, "STEWARD_DRAIN_SECONDS", "2"), chat);
            await().atMost(Duration.ofSeconds(10)).until(() -> holder.notifications("new").contains("READY=1"));
            holder.signal("old", 15);
            // It closed its copy of the held socket: new connections go to "new" only.
            await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(Path.of("/proc/" + old + "/fd/3")));
            // The old process stopped accepting but keeps its WebSocket: it still answers on it.
            assertEquals("pong", first.ping());
            Client second = Client.open(port);
            assertEquals("pong", second.ping());
            assertTrue(holder.exit("old").isEmpty(), "the old process waits for its WebSocket");
            assertTrue(!holder.output("old").contains("Got SIGTERM"), holder.output("old"));
            assertTrue(!first.closed().isDone());

            first.ws().sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            assertEquals(0, holder.awaitExit("old", Duration.ofSeconds(10)));
            assertTrue(holder.output("old").contains("Got SIGTERM exiting..."), holder.output("old"));

            // The second WebSocket is on "new", whose drain time is 2 s: it ends then, not before.
            holder.spawnNode("next", app, Map.of("PORT_WWW", "" + port), chat);
            await().atMost(Duration.ofSeconds(10)).until(() -> holder.notifications("next").contains("READY=1"));
            long signalled = System.nanoTime();
            holder.signal("new", 15);
            assertEquals("pong", second.ping());
            assertEquals(0, holder.awaitExit("new", Duration.ofSeconds(10)));
            long drained = System.nanoTime() - signalled;
            assertTrue(drained >= TimeUnit.MILLISECONDS.toNanos(1900), "ended after " + drained / 1_000_000 + " ms");
            assertTrue(holder.output("new").contains("drain time (2 s) passed"), holder.output("new"));
            second.closed().get(5, TimeUnit.SECONDS);
            assertEquals("pong", Client.open(port).ping());
        }
    }

    @Test
    void clusterWorkerCrashLosesOnlyItsRequestsAndThePrimaryDrainsItsWorkers() throws Exception {
        try (Holder holder = Holder.start(dir, "tcp")) {
            int port = holder.port(0);
            Path app = Holder.resource(dir, "cluster.js");
            holder.spawnNode("cluster", dir, Map.of("PORT_WWW", "" + port, "DELAY_MS", "20"), app.toString());
            await().atMost(Duration.ofSeconds(15)).until(() -> holder.notifications("cluster").contains("READY=1"));
            assertTrue(holder.output("cluster").contains("listening on " + port), holder.output("cluster"));
            try (Load load = Load.start(port, 4)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> load.bodies().size() >= 2);
                long victim = pids(load.bodies()).iterator().next();
                ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
                await().atMost(Duration.ofSeconds(10)).until(() -> holder.output("cluster").contains("worker " + victim + " died"));
                long after = load.ok();
                // The survivor serves at once; the replacement the app forks joins it.
                await().atMost(Duration.ofSeconds(15)).until(() -> load.ok() >= after + 200 && load.bodies().size() >= 3);
                load.close();
                System.out.println("cluster: " + load.ok() + " answered, failed: " + load.failures());
                assertTrue(load.failed() <= 4, load.failed() + " failed, more than the 4 in flight: " + load.failures());
            }
            Set<Long> workers = pids(Stream.of(holder.output("cluster").split("\n"))
                    .filter(l -> l.contains("listening on")).map(l -> l.split(" ")[1]).collect(Collectors.toSet()));
            assertEquals(List.of("READY=1"), holder.notifications("cluster"));
            holder.signal("cluster", 15);
            assertEquals(-15, holder.awaitExit("cluster", Duration.ofSeconds(10)), holder.output("cluster"));
            await().atMost(Duration.ofSeconds(10)).until(() -> workers.stream().noneMatch(p -> ProcessHandle.of(p).isPresent()
                    && ProcessHandle.of(p).get().isAlive()));
        }
    }

    @Test
    void connectionsThatArriveWhileTheOnlyWorkerIsDownAreAnsweredByItsReplacement() throws Exception {
        try (Holder holder = Holder.start(dir, "tcp")) {
            int port = holder.port(0);
            Path app = Holder.resource(dir, "cluster.js");
            holder.spawnNode("cluster", dir, Map.of("PORT_WWW", "" + port, "WORKERS", "1"), app.toString());
            await().atMost(Duration.ofSeconds(15)).until(() -> holder.notifications("cluster").contains("READY=1"));
            long only = pids(Set.of(Load.get(port, "/"))).iterator().next();
            ProcessHandle.of(only).ifPresent(ProcessHandle::destroyForcibly);
            await().atMost(Duration.ofSeconds(10)).until(() -> holder.output("cluster").contains("worker " + only + " died"));
            // No worker now: these wait (node's primary would have closed the inherited fd).
            List<CompletableFuture<String>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return Load.get(port, "/");
                    } catch (java.io.IOException e) {
                        return "FAILED " + e;
                    }
                }));
            }
            for (CompletableFuture<String> answer : answers) {
                String body = answer.get(15, TimeUnit.SECONDS);
                assertTrue(body.startsWith("worker ") && !body.equals("worker " + only + "\n"), body);
            }
            assertTrue(holder.exit("cluster").isEmpty(), holder.output("cluster"));
        }
    }

    private static Set<Long> pids(Set<String> bodies) {
        return bodies.stream().map(b -> Long.parseLong(b.replaceAll("\\D", ""))).collect(Collectors.toSet());
    }
}
