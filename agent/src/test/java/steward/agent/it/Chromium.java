package steward.agent.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import steward.compat.json.JsonWriter;

/**
 * Debian's headless Chromium driven over its DevTools protocol (the JDK's WebSocket client, no
 * other library): one page, navigation, script evaluation, extra request headers, screenshots.
 */
final class Chromium implements AutoCloseable {
    static final String BIN = "/usr/bin/chromium";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Object>> pending = new ConcurrentHashMap<>();

    private Chromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** Starts Chromium with a fresh profile in {@code dir} and opens one blank page. */
    static Chromium start(Path dir) throws Exception {
        Path profile = Files.createDirectories(dir.resolve("profile"));
        List<String> cmd = new ArrayList<>(List.of(BIN, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=1200,800", "about:blank"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile())
                .start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            Awaitility.await().atMost(WAIT).until(() -> Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2);
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
            HttpClient http = HttpClient.newHttpClient();
            String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String ws = null;
            for (Object target : (List<?>) MiniJson.parse(list)) {
                if ("page".equals(MiniJson.at(target, "type"))) {
                    ws = (String) MiniJson.at(target, "webSocketDebuggerUrl");
                }
            }
            if (ws == null) {
                throw new IOException("no page target in " + list);
            }
            Chromium[] self = new Chromium[1];
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        String message = text.toString();
                        text.setLength(0);
                        self[0].received(message);
                    }
                    w.request(1);
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
            self[0] = new Chromium(p, socket);
            self[0].call("Page.enable", Map.of());
            self[0].call("Network.enable", Map.of());
            return self[0];
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
    }

    private void received(String message) {
        Object m = MiniJson.parse(message);
        Object id = MiniJson.at(m, "id");
        if (id instanceof Double d) {
            CompletableFuture<Object> f = pending.remove(d.intValue());
            if (f != null) {
                Object error = MiniJson.at(m, "error");
                if (error != null) {
                    f.completeExceptionally(new IllegalStateException("DevTools error: " + JsonWriter.write(error)));
                } else {
                    f.complete(MiniJson.at(m, "result"));
                }
            }
        }
    }

    /** Sends one DevTools command and waits for its result. */
    Object call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<Object> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(JsonWriter.write(Map.of("id", id, "method", method, "params", params)), true).join();
        return f.get(30, TimeUnit.SECONDS);
    }

    /** Every request of the page carries these headers (Basic auth for the control server). */
    void headers(Map<String, Object> headers) throws Exception {
        call("Network.setExtraHTTPHeaders", Map.of("headers", headers));
    }

    /** Navigates and waits until the document has loaded. */
    void open(String url) throws Exception {
        call("Page.navigate", Map.of("url", url));
        Awaitility.await().atMost(WAIT).until(() -> "complete".equals(eval("document.readyState"))
                && url.equals(eval("location.href")) || redirected(url));
    }

    private boolean redirected(String url) throws Exception {
        return "complete".equals(eval("document.readyState")) && url.contains("action=")
                && !url.equals(eval("location.href"));
    }

    /** The value of a script expression (strings, numbers, booleans; use JSON.stringify for others). */
    Object eval(String expression) throws Exception {
        Object r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (MiniJson.at(r, "exceptionDetails") != null) {
            throw new IllegalStateException("script failed: " + expression + ": " + JsonWriter.write(r));
        }
        return MiniJson.at(r, "result.value");
    }

    String text(String expression) throws Exception {
        Object v = eval(expression);
        return v == null ? null : v.toString();
    }

    /** A PNG of the page as shown. */
    void screenshot(Path file) throws Exception {
        Object r = call("Page.captureScreenshot", Map.of("format", "png"));
        Files.write(file, Base64.getDecoder().decode((String) MiniJson.at(r, "data")));
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing anyway
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
