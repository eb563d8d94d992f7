package steward.compat.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.compat.config.InetHttpServerConfig;
import steward.compat.config.UnixHttpServerConfig;
import steward.compat.rpc.MethodTable;
import steward.compat.testing.FakeControl;

/** Hostile clients against both listeners (issue 15, defects 1 and 2) and what the server logs. */
class ControlServerHardeningTest {
    private static final String AUTH = "Authorization: Basic "
            + Base64.getEncoder().encodeToString("admin:secret".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path dir;
    private final FakeControl control = new FakeControl();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final List<String> renderedOn = new CopyOnWriteArrayList<>();
    private ControlServer server;

    private void start(boolean tcpAuth, UnaryOperator<Limits> limits) throws Exception {
        control.add("web", "web", 1);
        server = ControlServer.builder(control)
                .unix(Optional.of(new UnixHttpServerConfig(dir.resolve("s.sock"), 0700, Optional.empty(),
                        Optional.empty(), Optional.empty())))
                .inet(Optional.of(new InetHttpServerConfig("127.0.0.1", 0,
                        tcpAuth ? Optional.of("admin") : Optional.empty(), tcpAuth ? Optional.of("secret") : Optional.empty())))
                .methods(MethodTable.builder("test").add("later", List.of("array"), "completed by another thread",
                        p -> later()).build())
                .requestTimeout(Duration.ofMillis(500))
                .limits(limits)
                .log(logged::add)
                .start();
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    private void assertUnixAnswers() throws Exception {
        try (RawClient c = new RawClient(dir.resolve("s.sock"))) {
            c.send(RawClient.post(RawClient.call("supervisor.getVersion")));
            String r = c.response();
            assertTrue(r.contains("<string>3.0</string>"), r);
        }
    }

    private void assertTcpAnswers(String header) throws Exception {
        try (RawClient c = new RawClient(server.tcpPort())) {
            c.send(RawClient.post(RawClient.call("supervisor.getVersion")).replace("Host: localhost\r\n",
                    "Host: localhost\r\n" + header));
            String r = c.response();
            assertTrue(r.contains("<string>3.0</string>"), r);
        }
    }

    @Test
    void unauthenticatedHeadsAnnouncingLargeBodiesAreRefusedBeforeTheirBodies() throws Exception {
        start(true, UnaryOperator.identity());
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                RawClient c = new RawClient(server.tcpPort());
                clients.add(c);
                c.send("POST /RPC2 HTTP/1.1\r\nHost: x\r\nContent-Length: 1048576\r\n\r\n");
            }
            for (RawClient c : clients) {
                assertTrue(c.response().startsWith("HTTP/1.1 401 Unauthorized"));
            }
        } finally {
            for (RawClient c : clients) {
                c.close();
            }
        }
        assertTcpAnswers(AUTH + "\r\n");
        assertUnixAnswers();
    }

    @Test
    void bufferedRequestBytesAreCappedAcrossConnections() throws Exception {
        start(true, l -> l.withMaxBuffered(512 * 1024).withRequestTimeout(Duration.ofSeconds(30)));
        List<RawClient> clients = new ArrayList<>();
        List<CompletableFuture<String>> untilClosed = new ArrayList<>();
        // one reader thread per client: the common pool may have a single worker on 2 cores (JDK 25),
        // which would read the connections one after another
        java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 8; i++) {
                RawClient c = new RawClient(server.tcpPort());
                clients.add(c);
                c.send("POST /RPC2 HTTP/1.1\r\nHost: x\r\n" + AUTH + "\r\nContent-Length: 250000\r\n\r\n");
                sendQuietly(c, new byte[200_000]);
                untilClosed.add(CompletableFuture.supplyAsync(c::readToEnd, readers));
            }
            // 200 KB of body need a 256 KB buffer each: the 512 KB budget holds two, the others are refused
            await().atMost(Duration.ofSeconds(10)).until(() -> untilClosed.stream().filter(CompletableFuture::isDone).count() >= 6);
            int survivors = 0;
            for (int i = 0; i < clients.size(); i++) {
                if (!untilClosed.get(i).isDone()) {
                    survivors++;
                    clients.get(i).send(new byte[50_000]);
                    String r = untilClosed.get(i).get(10, java.util.concurrent.TimeUnit.SECONDS);
                    assertTrue(r.startsWith("HTTP/1.1 400"), r); // served: a body of zeros is not XML-RPC
                } else {
                    String r = untilClosed.get(i).get();
                    assertTrue(r.isEmpty() || r.startsWith("HTTP/1.0 503 Service Unavailable"), r);
                }
            }
            assertTrue(survivors >= 1 && survivors <= 2, survivors + " survivors");
        } finally {
            for (RawClient c : clients) {
                c.close();
            }
            readers.shutdownNow();
        }
        assertTcpAnswers(AUTH + "\r\n");
        assertUnixAnswers();
    }

    private static void sendQuietly(RawClient c, byte[] bytes) {
        try {
            c.send(bytes);
        } catch (java.io.IOException refusedAndClosed) {
            // the server answered 503 and closed
        }
    }

    @Test
    void idleConnectionsAreClosedSoonAndTcpCannotLockOutTheUnixSocket() throws Exception {
        start(false, UnaryOperator.identity());
        List<RawClient> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                idle.add(new RawClient(server.tcpPort()));
            }
            assertUnixAnswers();
            RawClient crlf = idle.get(0);
            crlf.send("\r\n");
            for (RawClient c : idle) {
                assertTrue(c.closedByServer());
            }
        } finally {
            for (RawClient c : idle) {
                c.close();
            }
        }
        assertTcpAnswers("");
    }

    @Test
    void anErrorOnTheSelectorThreadIsLoggedAndCostsOnlyItsConnection() throws Exception {
        start(false, UnaryOperator.identity());
        control.boom = new OutOfMemoryError("Java heap space (test)");
        try (RawClient c = new RawClient(dir.resolve("s.sock"))) {
            c.send("GET /logtail/boom HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(c.closedByServer());
        }
        assertUnixAnswers();
        assertTcpAnswers("");
        assertTrue(logged.stream().anyMatch(l -> l.startsWith("control server: connection: java.lang.OutOfMemoryError: "
                + "Java heap space (test) at ")), logged.toString());
    }

    @Test
    void aWaitingCallsReplyIsRenderedOnTheServersWorkerNotTheCompletingThread() throws Exception {
        start(false, UnaryOperator.identity());
        try (RawClient c = new RawClient(dir.resolve("s.sock"))) {
            c.send(RawClient.post(RawClient.call("test.later")));
            String r = c.response();
            assertTrue(r.contains("<string>x</string>"), r);
        }
        assertEquals(List.of("steward-rpc"), renderedOn);
    }

    /** A future completed on a thread of its own, with a value that records where it is rendered. */
    private CompletableFuture<Object> later() {
        CompletableFuture<Object> f = new CompletableFuture<>();
        List<String> value = new AbstractList<>() {
            @Override
            public String get(int i) {
                renderedOn.add(Thread.currentThread().getName());
                return "x";
            }

            @Override
            public int size() {
                return 1;
            }
        };
        Thread engine = new Thread(() -> f.complete(value), "fake-engine");
        engine.start();
        return f;
    }
}
