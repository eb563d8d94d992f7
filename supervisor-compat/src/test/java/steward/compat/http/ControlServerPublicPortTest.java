package steward.compat.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.compat.config.UnixHttpServerConfig;
import steward.compat.testing.FakeControl;
import steward.compat.web.WebResponse;

/**
 * The public port (the container agent's health probes, issue 24 item 5): served by the same
 * selector as the control socket, with its deadlines and a room of its own, so a client that holds
 * half a request delays no other probe and is closed at the request deadline.
 */
class ControlServerPublicPortTest {
    @TempDir
    Path dir;
    private final FakeControl control = new FakeControl();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private ControlServer server;
    private int port;

    private void start(Duration requestTimeout, int maxConnections) throws Exception {
        var channel = ControlServer.openPublicPort(0);
        port = ((java.net.InetSocketAddress) channel.getLocalAddress()).getPort();
        Page metrics = new Page() {
            @Override
            public String contentType() {
                return "text/plain";
            }

            @Override
            public ByteBuffer render() {
                return ByteBuffer.wrap("metric 1\n".getBytes(StandardCharsets.UTF_8));
            }
        };
        server = ControlServer.builder(control)
                .unix(Optional.of(new UnixHttpServerConfig(dir.resolve("s.sock"), 0700, Optional.empty(),
                        Optional.of("admin"), Optional.of("secret"))))
                .publicPort(channel, (method, path) -> {
                    asked.add(method + " " + path);
                    return path.equals("/health")
                            ? new WebResponse(200, "application/json", List.of("Cache-Control: no-store"),
                                    "{\"ready\":true}\n".getBytes(StandardCharsets.UTF_8))
                            : new WebResponse(404, "application/json", List.of(), "{}\n".getBytes(StandardCharsets.UTF_8));
                }, Map.of("/metrics", metrics))
                .requestTimeout(requestTimeout)
                .limits(l -> l.withMaxConnections(maxConnections))
                .start();
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    private String get(String request) throws Exception {
        try (RawClient c = new RawClient(port)) {
            c.send(request);
            return c.response();
        }
    }

    @Test
    void answersWithoutAuthenticationHeadWithoutBodyPagesAndTheEndpoint() throws Exception {
        start(Duration.ofSeconds(10), 256);
        String r = get("GET /health?x=1 HTTP/1.1\r\nHost: h\r\n\r\n");
        assertTrue(r.startsWith("HTTP/1.1 200 OK\r\n") && r.contains("Cache-Control: no-store\r\n")
                && r.endsWith("{\"ready\":true}\n"), r);
        String head = get("HEAD /health HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
        assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n") && head.contains("Content-Length: 15\r\n")
                && head.endsWith("\r\n\r\n"), head);
        assertTrue(get("GET /metrics HTTP/1.1\r\nHost: h\r\n\r\n").endsWith("metric 1\n"));
        assertTrue(get("GET /RPC2 HTTP/1.1\r\nHost: h\r\n\r\n").startsWith("HTTP/1.1 404 "), "no RPC on the public port");
        assertEquals(List.of("GET /health", "HEAD /health", "GET /RPC2"), asked);
    }

    @Test
    void aHalfSentRequestDelaysNoOtherProbeAndIsClosedAtTheDeadline() throws Exception {
        start(Duration.ofMillis(800), 256);
        try (RawClient held = new RawClient(port)) {
            held.send("GET /health HTTP/1.1\r\nHost: h\r\n"); // never the blank line
            long t0 = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                assertTrue(get("GET /health HTTP/1.1\r\nHost: h\r\n\r\n").startsWith("HTTP/1.1 200 OK"));
            }
            assertTrue(System.nanoTime() - t0 < Duration.ofMillis(700).toNanos(),
                    "five probes answered while a request is held, before its deadline");
            assertTrue(held.closedByServer(), "the held request is cut at the request deadline");
        }
    }

    @Test
    void aFullRoomOfIdleClientsOnThePublicPortLeavesTheControlSocketAlone() throws Exception {
        start(Duration.ofSeconds(10), 4);
        List<RawClient> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                idle.add(new RawClient(port));
            }
            try (RawClient extra = new RawClient(port)) {
                assertTrue(extra.closedByServer(), "the fifth is closed at once");
            }
            try (RawClient unix = new RawClient(dir.resolve("s.sock"))) {
                unix.send(RawClient.post(RawClient.call("supervisor.getVersion")));
                String r = unix.response();
                assertTrue(r.startsWith("HTTP/1.1 401"), "the control socket still answers (and still wants auth): " + r);
            }
        } finally {
            for (RawClient c : idle) {
                c.close();
            }
        }
        assertFalse(asked.contains("GET /RPC2"));
    }
}
