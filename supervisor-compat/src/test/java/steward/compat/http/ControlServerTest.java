package steward.compat.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.compat.config.UnixHttpServerConfig;
import steward.compat.rpc.MethodTable;
import steward.compat.testing.FakeControl;

/** Wire behaviour of the control server through a real unix socket. */
class ControlServerTest {
    @TempDir
    Path dir;
    private final FakeControl control = new FakeControl();
    private ControlServer server;

    private ControlServer start(Optional<String> user, Optional<String> password) throws IOException {
        control.add("web", "web", 1);
        server = ControlServer.builder(control)
                .unix(Optional.of(new UnixHttpServerConfig(dir.resolve("s.sock"), 0700, Optional.empty(), user, password)))
                .methods(MethodTable.builder("steward").add("hello", List.of("string"), "@return string hi", p -> "hi").build())
                .requestTimeout(Duration.ofMillis(500))
                .start();
        return server;
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    private Path sock() {
        return dir.resolve("s.sock");
    }

    private void assertStillAnswers() throws Exception {
        try (RawClient c = new RawClient(sock())) {
            c.send(RawClient.post(RawClient.call("supervisor.getVersion")));
            assertTrue(c.response().contains("<string>3.0</string>"));
        }
    }

    @Test
    void keepAliveStrayCrlfAndSequentialRequests() throws Exception {
        start(Optional.empty(), Optional.empty());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock())));
        try (RawClient c = new RawClient(sock())) {
            c.send(RawClient.post(RawClient.call("supervisor.getVersion")) + "\r\n"
                    + RawClient.post(RawClient.call("steward.hello")));
            String first = c.response();
            assertTrue(first.startsWith("HTTP/1.1 200 OK\r\n"), first);
            assertTrue(first.contains("Content-Type: text/xml\r\nContent-Length: 129\r\n\r\n<?xml version='1.0'?>\n"), first);
            assertTrue(c.response().contains("<string>hi</string>"));
            c.send("POST /RPC2 HTTP/1.1\r\nHost: \r\n\r\n");
            assertTrue(c.response().startsWith("HTTP/1.1 411 Length Required"));
            assertTrue(c.closedByServer());
        }
        try (RawClient c = new RawClient(sock())) {
            c.send(RawClient.post(RawClient.call("supervisor.getVersion")).replace("HTTP/1.1", "HTTP/1.0"));
            assertTrue(c.response().startsWith("HTTP/1.0 200 OK"));
            assertTrue(c.closedByServer());
        }
        try (RawClient c = new RawClient(sock())) {
            c.send("GET /RPC2 HTTP/1.1\r\nHost: \r\n\r\n");
            assertTrue(c.response().startsWith("HTTP/1.1 400 Bad Request"));
        }
        try (RawClient c = new RawClient(sock())) {
            c.send("GET /nothing HTTP/1.1\r\nHost: \r\n\r\n");
            assertTrue(c.response().startsWith("HTTP/1.1 404 Not Found"));
        }
        for (String path : List.of("/logtail/nosuch", "/logtail/web/stdout", "/logtail/web/bogus", "/mainlogtail")) {
            try (RawClient c = new RawClient(sock())) {
                c.send("GET " + path + " HTTP/1.1\r\nHost: \r\nAccept-Encoding: chunked\r\n\r\n\r\n");
                assertTrue(c.response().startsWith("HTTP/1.1 404 Not Found"), path);
            }
        }
        try (RawClient c = new RawClient(sock())) {
            c.send(RawClient.post(RawClient.call("supervisor._update")));
            assertTrue(c.response().contains("<string>UNKNOWN_METHOD</string>"));
        }
    }

    @Test
    void hostilePayloadsGetCleanErrorsWhileStatusKeepsAnswering() throws Exception {
        start(Optional.empty(), Optional.empty());
        String xxe = "<?xml version='1.0'?><!DOCTYPE m [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + "<methodCall><methodName>&x;</methodName></methodCall>";
        StringBuilder lol = new StringBuilder("<?xml version='1.0'?><!DOCTYPE l [<!ENTITY l0 'lol'>");
        for (int i = 1; i < 10; i++) {
            lol.append("<!ENTITY l").append(i).append(" '").append(("&l" + (i - 1) + ";").repeat(10)).append("'>");
        }
        lol.append("]><methodCall><methodName>&l9;</methodName></methodCall>");
        for (String body : List.of("<methodCall><methodName>x", "not xml at all", xxe, lol.toString())) {
            try (RawClient c = new RawClient(sock())) {
                c.send(RawClient.post(body));
                String r = c.response();
                assertTrue(r.startsWith("HTTP/1.1 400 Bad Request"), r);
                assertFalse(r.contains("root:"), r);
            }
            assertStillAnswers();
        }
        try (RawClient c = new RawClient(sock())) {
            c.send("POST /RPC2 HTTP/1.1\r\nHost: \r\nContent-Length: 104857600\r\n\r\n");
            try {
                c.send(new byte[64 * 1024]);
            } catch (IOException refusedEarly) {
                // the server may answer and close before reading any of the body
            }
            assertTrue(c.response().startsWith("HTTP/1.1 413 "));
        }
        assertStillAnswers();
        try (RawClient slow = new RawClient(sock())) {
            slow.send("POST /RPC2 HTTP/1.1\r\nHost: ");
            assertStillAnswers();
            assertTrue(slow.closedByServer());
        }
        try (RawClient c = new RawClient(sock())) {
            c.send("X".repeat(20_000));
            assertTrue(c.response().contains(" 431 "));
        }
        assertStillAnswers();
    }

    @Test
    void basicAuthPlainAndSha() throws Exception {
        String sha = "{SHA}" + java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-1").digest("secret".getBytes(StandardCharsets.UTF_8)));
        start(Optional.of("admin"), Optional.of(sha));
        try (RawClient c = new RawClient(sock())) {
            c.send(RawClient.post(RawClient.call("supervisor.getVersion")));
            String r = c.response();
            assertTrue(r.startsWith("HTTP/1.1 401 Unauthorized"), r);
            assertTrue(r.contains("WWW-Authenticate: Basic realm=\"default\"\r\n"), r);
        }
        String good = Base64.getEncoder().encodeToString("admin:secret".getBytes(StandardCharsets.UTF_8));
        try (RawClient c = new RawClient(sock())) {
            c.send(RawClient.post(RawClient.call("supervisor.getVersion"))
                    .replace("Host: localhost\r\n", "Host: localhost\r\nAuthorization: Basic " + good + "\r\n"));
            assertTrue(c.response().startsWith("HTTP/1.1 200 OK"));
        }
    }

    @Test
    void staleSocketIsReplacedLiveOneRefusedAndRemovedOnClose() throws Exception {
        try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(sock()));
        }
        assertTrue(Files.exists(sock()));
        start(Optional.empty(), Optional.empty());
        assertStillAnswers();
        IOException e = assertThrows(IOException.class, () -> ControlServer.builder(control)
                .unix(Optional.of(new UnixHttpServerConfig(sock(), 0700, Optional.empty(), Optional.empty(), Optional.empty())))
                .start());
        assertTrue(e.getMessage().contains("already listening"), e.getMessage());
        assertStillAnswers();
        server.close();
        server = null;
        assertFalse(Files.exists(sock()));
    }
}
