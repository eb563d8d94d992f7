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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20: a WebSocket open on the chat sample survives a redeploy (the old process keeps it while
 * it drains), while new connections reach the new release; the old process ends once its client
 * closes, and its own SIGTERM handler still runs.
 */
class WebSocketRedeployIT {
    @TempDir
    Path dir;

    /** A client that queues every text it receives and notes when the server closes. */
    private static final class Client implements WebSocket.Listener {
        final LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            texts.add(data.toString());
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
            closed.complete(status);
            return null;
        }

        @Override
        public void onError(WebSocket w, Throwable error) {
            closed.complete(-1);
        }
    }

    @Test
    void anOpenWebSocketOutlivesARedeployAndNewOnesReachTheNewRelease() throws Exception {
        Apps.requireTool("node");
        Apps.requireTool("npm");
        int port = Apps.freePort();
        Path tree = Apps.sample("websocket-chat", dir.resolve("chat"), "  environment:", "    PORT_WWW: \"" + port + "\"");
        Path home = dir.resolve("home");
        Path socket = home.resolve("run/supervisor.sock");
        Steward.Result first = Apps.steward(dir, "deploy1", "deploy", "--home", home.toString(), tree.toString());
        if (first.exitCode() != 0 && !"true".equals(System.getenv("CI"))) {
            assumeTrue(false, "npm could not install ws (no registry?): " + first.stdout() + first.stderr());
        }
        assertEquals(0, first.exitCode(), first.stdout() + first.stderr());
        try (Steward agent = Steward.start(Files.createDirectories(dir.resolve("out-run")), "run", "--home",
                home.toString(), "--socket", socket.toString(), "--log-dir", home.resolve("log").toString())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Apps.get(port).startsWith("200 WebSocket chat"));
            long oldPid = pid(socket);
            Client old = new Client();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), old).get(5, TimeUnit.SECONDS);
            ws.sendText("ping", true).get(5, TimeUnit.SECONDS);
            assertEquals("pong", old.texts.poll(5, TimeUnit.SECONDS));

            Path chat = tree.resolve("app/chat.js");
            Files.writeString(chat, Files.readString(chat).replace("WebSocket chat: connect", "WebSocket chat 2: connect"));
            Steward.Result again = Apps.steward(dir, "deploy2", "deploy", "--home", home.toString(), tree.toString());
            assertEquals(0, again.exitCode(), again.stdout() + again.stderr());
            long newPid = pid(socket);
            assertTrue(newPid != oldPid);
            // new connections reach the new release (the test client's kept-alive connection may get one
            // more answer from the draining old process, with "Connection: close")
            await().atMost(Duration.ofSeconds(5)).until(() -> Apps.get(port).startsWith("200 WebSocket chat 2"));

            // the old WebSocket still talks to the old process, which is draining
            assertTrue(ProcessHandle.of(oldPid).map(ProcessHandle::isAlive).orElse(false));
            ws.sendText("ping", true).get(5, TimeUnit.SECONDS);
            assertEquals("pong", old.texts.poll(5, TimeUnit.SECONDS));
            assertTrue(!old.closed.isDone(), "not closed before the drain time");

            // a new WebSocket reaches the new process
            Client fresh = new Client();
            WebSocket ws2 = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), fresh).get(5, TimeUnit.SECONDS);
            ws2.sendText("ping", true).get(5, TimeUnit.SECONDS);
            assertEquals("pong", fresh.texts.poll(5, TimeUnit.SECONDS));

            // the client closes: the old process finishes its drain and its own SIGTERM handler runs
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> !ProcessHandle.of(oldPid).map(ProcessHandle::isAlive).orElse(false));
            assertTrue(Files.readString(home.resolve("log/supervisord.log")).contains("drained: 'chat' (" + oldPid + ")"));
            assertTrue(Files.readString(home.resolve("log/chat.log")).contains("Got SIGTERM exiting..."));
            ws2.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            agent.signal("TERM");
            assertEquals(0, agent.waitFor(40));
        }
    }

    private static long pid(Path socket) throws Exception {
        Steward.Result r = Apps.exec(socket.getParent(), "supervisorctl", "-s", "unix://" + socket, "pid", "chat");
        return Long.parseLong(r.stdout().trim());
    }
}
