package steward.agent.it;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The websocket-chat sample: built with npm (the {@code ws} package comes from the npm registry,
 * the one test that needs it), run by the agent, and a WebSocket round trip: "ping" → "pong".
 */
class WebSocketIT {
    @TempDir
    Path dir;

    @Test
    void chatAnswersAPingOverAWebSocket() throws Exception {
        Apps.requireTool("node");
        Apps.requireTool("npm");
        int port = Apps.freePort();
        Path home = dir.resolve("home");
        Path tree = Apps.sample("websocket-chat", dir.resolve("tree"), "  environment:", "    PORT_WWW: \"" + port + "\"");
        Steward.Result deploy = Apps.steward(dir, "deploy", "deploy", "--home", home.toString(), tree.toString());
        if (deploy.exitCode() != 0 && !"true".equals(System.getenv("CI"))) {
            assumeTrue(false, "npm could not install ws (no registry?): " + deploy.stderr());
        }
        assertEquals(0, deploy.exitCode(), deploy.stdout() + deploy.stderr());
        Path out = Files.createDirectories(dir.resolve("out-run"));
        try (Steward agent = Steward.start(out, "run", "--home", home.toString(), "--socket",
                home.resolve("run/s.sock").toString(), "--log-dir", home.resolve("log").toString())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> Apps.get(port).startsWith("200 WebSocket chat"));
            CompletableFuture<String> reply = new CompletableFuture<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            reply.complete(data.toString());
                            return null;
                        }
                    }).get(5, TimeUnit.SECONDS);
            ws.sendText("ping", true).get(5, TimeUnit.SECONDS);
            assertEquals("pong", reply.get(5, TimeUnit.SECONDS));
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            agent.signal("TERM");
            assertEquals(0, agent.waitFor(20));
            assertTrue(Files.readString(home.resolve("log/chat.log")).contains("Got SIGTERM exiting..."));
        }
    }
}
