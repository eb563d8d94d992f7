package steward.agent.sockets;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Node preload with real node processes on a socket held by {@code holder.py} (the agent's
 * part, without the engine): the ramen sample unchanged, its slow variant, the listen forms, READY.
 */
class NodePreloadIT {
    static final Path RAMEN = Holder.ROOT.resolve("samples/ramen-on-dotcloud/hellonode/server.js");

    @TempDir
    Path dir;

    /** The ramen app with a 1 s handler that logs when a request starts and when it answered. */
    private Path slowRamen() throws IOException {
        String app = Files.readString(RAMEN);
        String head = "var server = http.createServer(function (req, res) {\n";
        String tail = "  res.end('Hello World!\\n' + JSON.stringify(req.headers, null, 2) + '\\n');\n});\n";
        assertTrue(app.contains(head) && app.contains(tail), "the ramen sample changed: " + RAMEN);
        app = app.replace(head, head + "  console.log('request ' + req.url);\n  setTimeout(function () {\n")
                .replace(tail, tail.replace("\n});\n", " console.log('answered ' + req.url);\n  }, 1000);\n});\n"));
        Path slow = dir.resolve("slow.js");
        Files.writeString(slow, app);
        return slow;
    }

    @Test
    void inFlightRequestFinishesAfterSigtermThenTheAppsHandlerRuns() throws Exception {
        Path app = slowRamen();
        try (Holder holder = Holder.start(dir, "tcp")) {
            int port = holder.port(0);
            holder.spawnNode("a", dir, Map.of("PORT_WWW", Integer.toString(port)), app.toString());
            await().atMost(Duration.ofSeconds(10)).until(() -> holder.notifications("a").contains("READY=1"));
            // A keep-alive connection, idle once its answer is read: the drain closes it.
            try (SocketChannel idle = SocketChannel.open(new java.net.InetSocketAddress("127.0.0.1", port))) {
                idle.write(StandardCharsets.US_ASCII.encode("GET /first HTTP/1.1\r\nHost: x\r\n\r\n"));
                String first = readUntil(idle, "\r\n0\r\n\r\n"); // its last chunk
                assertTrue(first.startsWith("HTTP/1.1 200") && first.contains("keep-alive"), first);

                CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> {
                    try {
                        return Load.get(port, "/slow");
                    } catch (IOException e) {
                        return "FAILED " + e;
                    }
                });
                await().atMost(Duration.ofSeconds(5)).until(() -> holder.output("a").contains("request /slow"));
                long signalled = System.nanoTime();
                holder.signal("a", 15);
                String body = slow.get(10, TimeUnit.SECONDS);
                assertTrue(body.startsWith("Hello World!\n{") && body.endsWith("}\n"), body);
                assertEquals(0, holder.awaitExit("a", Duration.ofSeconds(10)), holder.output("a"));
                // Under node's 5 s keep-alive timeout: the idle connection did not hold the drain.
                assertTrue(System.nanoTime() - signalled < TimeUnit.SECONDS.toNanos(4), "drain took too long");
                assertEquals(-1, idle.read(ByteBuffer.allocate(64)), "the idle keep-alive connection was closed");
            }
            String log = holder.output("a");
            assertTrue(log.indexOf("answered /slow") >= 0 && log.indexOf("answered /slow") < log.indexOf("Got SIGTERM exiting..."), log);
        }
    }

    @Test
    void ramenUnchangedHandsOverWithoutAFailedRequest() throws Exception {
        try (Holder holder = Holder.start(dir, "tcp")) {
            int port = holder.port(0);
            Map<String, String> env = Map.of("PORT_WWW", Integer.toString(port));
            holder.spawnNode("old", dir, env, RAMEN.toString());
            await().atMost(Duration.ofSeconds(10)).until(() -> holder.notifications("old").contains("READY=1"));
            try (Load load = Load.start(port, 4)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> load.ok() >= 100);
                holder.spawnNode("new", dir, env, RAMEN.toString());
                await().atMost(Duration.ofSeconds(10)).until(() -> holder.notifications("new").contains("READY=1"));
                holder.signal("old", 15);
                assertEquals(0, holder.awaitExit("old", Duration.ofSeconds(10)));
                long after = load.ok();
                await().atMost(Duration.ofSeconds(10)).until(() -> load.ok() >= after + 200);
                load.close();
                assertEquals(0, load.failed(), "failed: " + load.failures());
            }
            assertTrue(holder.output("old").contains("Got SIGTERM exiting..."), holder.output("old"));
            assertTrue(holder.exit("new").isEmpty(), "the successor kept serving");
            holder.signal("new", 15);
            assertEquals(0, holder.awaitExit("new", Duration.ofSeconds(10)));
        }
    }

    @Test
    void aSecondSigtermRunsTheAppsHandlerAtOnceAndItsServerCloseStillCallsBack() throws Exception {
        try (Holder holder = Holder.start(dir, "tcp")) {
            int port = holder.port(0);
            Path app = Holder.resource(dir, "closing.js");
            holder.spawnNode("a", dir, Map.of("PORT_WWW", "" + port), app.toString());
            await().atMost(Duration.ofSeconds(10)).until(() -> holder.notifications("a").contains("READY=1"));
            CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    return Load.get(port, "/");
                } catch (IOException e) {
                    return "FAILED " + e;
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> holder.output("a").contains("request"));
            holder.signal("a", 15);
            // The first SIGTERM drains: the app's handler waits for the request.
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !holder.output("a").contains("app handler"));
            holder.signal("a", 15);
            await().atMost(Duration.ofSeconds(2)).until(() -> holder.output("a").contains("app handler: SIGTERM"));
            assertTrue(holder.exit("a").isEmpty(), "server.close waits for the request");
            assertEquals("done\n", slow.get(10, TimeUnit.SECONDS));
            assertEquals(3, holder.awaitExit("a", Duration.ofSeconds(10)));
            String log = holder.output("a");
            assertTrue(log.contains("second SIGTERM: drain cut short") && log.contains("closed: ok"), log);
        }
    }

    @Test
    void anAppUnderNpmStartGetsTheSocketThroughNpm() throws Exception {
        Holder.requireTool("npm");
        Path app = Files.createDirectories(dir.resolve("npmapp"));
        Files.copy(RAMEN, app.resolve("server.js"));
        Files.writeString(app.resolve("package.json"),
                "{\"name\": \"ramen\", \"version\": \"1.0.0\", \"scripts\": {\"start\": \"node server.js\"}}\n");
        try (Holder holder = Holder.start(dir, "tcp")) {
            int port = holder.port(0);
            // node npm-cli.js start: what the npm command runs (a node script).
            long npm = holder.spawnNode("npm", app, Map.of("PORT_WWW", "" + port), npmCli().toString(), "start");
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> holder.notifications("npm").contains("READY=1")
                        || holder.exit("npm").isPresent());
                assertTrue(Load.get(port, "/").startsWith("Hello World!"), holder.output("npm"));
                assertTrue(holder.output("npm").contains("Server running on port " + port), holder.output("npm"));
            } finally {
                ProcessHandle.of(npm).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroyForcibly));
            }
        }
    }

    @Test
    void everyListenFormTakesItsHandedSocketAndOtherPortsAreLeftAlone() throws Exception {
        Holder.requireTool("openssl");
        Path sock = dir.resolve("app.sock");
        int other;
        try (ServerSocket s = new ServerSocket(0)) {
            other = s.getLocalPort();
        }
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=localhost", "-keyout", "key.pem", "-out", "cert.pem",
                "-days", "1").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.out").toFile()).start();
        assertTrue(openssl.waitFor(30, TimeUnit.SECONDS) && openssl.exitValue() == 0, Files.readString(dir.resolve("openssl.out")));
        try (Holder holder = Holder.start(dir, "tcp", "tcp", "tcp", "tcp", "unix:" + sock)) {
            Path app = Holder.resource(dir, "forms.js");
            holder.spawnNode("forms", dir, Map.of("P1", "" + holder.port(0), "P2", "" + holder.port(1), "P3", "" + holder.port(2),
                    "P4", "" + holder.port(3), "SOCK", sock.toString(), "OTHER", "" + other), app.toString());
            await().atMost(Duration.ofSeconds(10)).until(() -> holder.notifications("forms").contains("READY=1"));
            assertTrue(holder.output("forms").contains("listen called"), "READY came before any listen");
            await().atMost(Duration.ofSeconds(10)).until(() -> holder.output("forms").lines().count() >= 8);
            String log = holder.output("forms");
            assertEquals("a\n", Load.get(holder.port(0), "/"));
            assertTrue(log.contains("a {\"address\":\"127.0.0.1\",\"family\":\"IPv4\",\"port\":" + holder.port(0) + "}"), log);
            assertEquals("b\n", rawRead(holder.port(1)));
            assertEquals("c\n", Load.get(holder.port(2), "/"));
            assertEquals("d\n", httpsGet(holder.port(3)));
            assertEquals("e\n", unixGet(sock));
            assertTrue(log.contains("e \"" + sock + "\""), log);
            assertTrue(log.contains("f {\"address\":\"127.0.0.1\",\"family\":\"IPv4\",\"port\":" + other + "}"), log);
            assertEquals("f\n", Load.get(other, "/"));
            String g = log.lines().filter(l -> l.startsWith("g ")).findFirst().orElseThrow();
            int port0 = Integer.parseInt(g.replaceAll(".*\"port\":(\\d+).*", "$1"));
            assertNotEquals(0, port0);
            assertEquals("g\n", Load.get(port0, "/"));
            assertEquals(List.of("READY=1"), holder.notifications("forms"), "READY once");
            assertTrue(!log.contains("steward-preload"), log);
            holder.signal("forms", 15);
            assertEquals(-15, holder.awaitExit("forms", Duration.ofSeconds(10)), "no SIGTERM handler: the default action");
            assertTrue(Files.exists(sock), "the held unix socket's file stays");
        }
    }

    private static Path npmCli() throws IOException {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path npm = Path.of(d, "npm");
            if (Files.isExecutable(npm)) {
                return npm.toRealPath();
            }
        }
        throw new IllegalStateException("npm is not on PATH");
    }

    private static String readUntil(SocketChannel ch, String end) throws IOException {
        StringBuilder sb = new StringBuilder();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (!sb.toString().endsWith(end)) {
            buf.clear();
            if (ch.read(buf) < 0) {
                break;
            }
            sb.append(StandardCharsets.UTF_8.decode(buf.flip()));
        }
        return sb.toString();
    }

    private static String rawRead(int port) throws IOException {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String unixGet(Path sock) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(sock));
            ch.write(StandardCharsets.US_ASCII.encode("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
            String answer = readUntil(ch, "\u0000");
            return answer.substring(answer.indexOf("\r\n\r\n") + 4);
        }
    }

    /** GET / over TLS, trusting the test's self-signed certificate. */
    private static String httpsGet(int port) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String type) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String type) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return answer.substring(answer.indexOf("\r\n\r\n") + 4);
        }
    }
}
