package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebSockets through the stacks' nginx, with Java's RFC 6455 client, on the samples: python (uWSGI's
 * WebSocket API on its HTTP socket) and ruby (a Rack hijack in puma), each failing where nginx drops
 * the Upgrade. Python also redeploys: plain requests see the old text or the new one and never fail,
 * a WebSocket opened before it is still answered by the old release after it (nginx is not reloaded;
 * the old uWSGI drains), and a new WebSocket reaches the new release. Then ruby is pushed onto the same home. Ports are
 * free ones.
 */
class StackWebSocketIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        for (String tool : List.of("nginx", "uwsgi", "ruby", "bundle", "python3")) {
            Apps.requireTool(tool);
        }
    }

    @Test
    void pythonAndRubyAnswerWebSocketsThroughNginxAcrossARedeploy() throws Exception {
        int port = Apps.freePort();
        Path home = dir.resolve("home");
        Path py = Apps.sample("python-app", dir.resolve("py"), "  environment:", "    PORT_WWW: \"" + port + "\"");
        deploy("py1", home, py);
        try (Steward agent = Steward.start(Files.createDirectories(dir.resolve("out-run")), "run", "--home", home.toString(),
                "--socket", home.resolve("run/supervisor.sock").toString(), "--log-dir", home.resolve("log").toString())) {
            await().atMost(WAIT).until(() -> Apps.get(port).startsWith("200 Hello from python"));
            Echo first = Echo.open(port);
            assertEquals("python echo: ping", first.roundTrip("ping"));
            assertEquals("python echo: " + "y".repeat(200), first.roundTrip("y".repeat(200)));
            first.close();
            Echo held = Echo.open(port);
            assertEquals("python echo: before", held.roundTrip("before"));

            Path wsgi = py.resolve("app/wsgi.py");
            Files.writeString(wsgi, Files.readString(wsgi).replace("Hello from python", "Hello again from python")
                    .replace("python echo: ", "python echo again: "));
            try (HttpWatch watch = new HttpWatch(port)) {
                deploy("py2", home, py);
                assertTrue(watch.seen().stream().allMatch(s -> s.startsWith("200 Hello from python")
                        || s.startsWith("200 Hello again from python")), watch.seen().toString());
            }
            assertTrue(Apps.get(port).startsWith("200 Hello again from python"));
            // the WebSocket opened before the redeploy stays with the old uWSGI, which drains
            assertEquals("python echo: after", held.roundTrip("after"));
            held.close();
            Echo second = Echo.open(port);
            assertEquals("python echo again: ping", second.roundTrip("ping"));
            second.close();

            Path rb = Apps.sample("ruby-app", dir.resolve("rb"), "  environment:", "    PORT_WWW: \"" + port + "\"");
            deploy("rb", home, rb);
            await().atMost(WAIT).until(() -> Apps.get(port).startsWith("200 Hello from ruby"));
            Echo ruby = Echo.open(port);
            assertEquals("ruby echo: ping", ruby.roundTrip("ping"));
            assertEquals("ruby echo: " + "x".repeat(300), ruby.roundTrip("x".repeat(300)));
            ruby.close();

            agent.signal("TERM");
            assertEquals(0, agent.waitFor(60));
        }
    }

    private void deploy(String name, Path home, Path tree) throws Exception {
        Steward.Result r = Apps.steward(dir, name, "deploy", "--home", home.toString(), tree.toString());
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    }

    /** One WebSocket to ws://127.0.0.1:PORT/chat, its text messages queued. */
    private record Echo(WebSocket socket, BlockingQueue<String> received) {
        static Echo open(int port) throws Exception {
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/chat"), new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                received.add(text.toString());
                                text.setLength(0);
                            }
                            w.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            return new Echo(ws, received);
        }

        String roundTrip(String message) throws Exception {
            socket.sendText(message, true).get(5, TimeUnit.SECONDS);
            String reply = received.poll(10, TimeUnit.SECONDS);
            if (reply == null) {
                throw new AssertionError("no answer to " + message);
            }
            return reply;
        }

        void close() throws Exception {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        }
    }
}
