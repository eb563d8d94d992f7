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
 * {@code steward up} of the websocket-chat sample: built with npm (the {@code ws} package comes from
 * the npm registry, the one test that needs it), run by the agent, and a WebSocket round trip:
 * "ping" → "pong"; Ctrl-C stops it.
 */
class WebSocketIT {
    @TempDir
    Path dir;

    @Test
    void chatAnswersAPingOverAWebSocket() throws Exception {
        Apps.requireTool("node");
        Apps.requireTool("npm");
        int port = Apps.freePort();
        Path tree = Apps.sample("websocket-chat", dir.resolve("chat"), "  environment:", "    PORT_WWW: \"" + port + "\"");
        Path home = dir.resolve("xdg/steward/chat/www"); // up: each service in its own home
        Path out = Files.createDirectories(dir.resolve("out-up"));
        try (Steward agent = Steward.start(out, java.util.Map.of("XDG_DATA_HOME", dir.resolve("xdg").toString()), "up",
                tree.toString())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> !agent.isAlive() || Apps.get(port).startsWith("200 WebSocket chat"));
            if (!agent.isAlive() && !"true".equals(System.getenv("CI"))) {
                assumeTrue(false, "npm could not install ws (no registry?): " + agent.stdout() + agent.stderr());
            }
            assertTrue(agent.isAlive(), agent.stdout() + agent.stderr());
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
            agent.signal("INT");
            assertEquals(0, agent.waitFor(20));
            assertTrue(Files.readString(home.resolve("log/chat.log")).contains("Got SIGTERM exiting..."));
            assertTrue(Files.isSymbolicLink(home.resolve("current")));
        }
    }
}
