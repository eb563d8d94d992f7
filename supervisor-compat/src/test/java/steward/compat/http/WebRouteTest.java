package steward.compat.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.compat.config.UnixHttpServerConfig;
import steward.compat.testing.FakeControl;

/** The web page's routes on the control server's unix socket: same auth as RPC, keep-alive, 404s. */
class WebRouteTest {
    @TempDir
    Path dir;
    private final FakeControl control = new FakeControl();
    private ControlServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void pageAnswersBehindTheSocketsAuth() throws Exception {
        control.add("web", "web", 1);
        server = ControlServer.builder(control).unix(Optional.of(new UnixHttpServerConfig(dir.resolve("s.sock"), 0700,
                Optional.empty(), Optional.of("u"), Optional.of("p")))).start();
        String auth = "Authorization: Basic " + Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8));
        try (RawClient c = new RawClient(dir.resolve("s.sock"))) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(c.response().startsWith("HTTP/1.1 401 Unauthorized"));
        }
        try (RawClient c = new RawClient(dir.resolve("s.sock"))) {
            c.send("GET / HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n\r\n");
            String page = c.response();
            assertTrue(page.startsWith("HTTP/1.1 200 OK\r\n") && page.contains("Content-Type: text/html;charset=utf-8\r\n")
                    && page.contains("<tr data-name=\"web\""), page);
            c.send("GET /index.html?processname=web&action=start HTTP/1.1\r\nHost: sock\r\n" + auth + "\r\n\r\n");
            String moved = c.response();
            assertTrue(moved.startsWith("HTTP/1.1 301 Moved Permanently\r\n")
                    && moved.contains("Location: http://sock/?message=Process%20web%20started\r\n"), moved);
            for (String path : List.of("/status.json", "/ok.html", "/tail.html?processname=web")) {
                c.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n\r\n");
                assertTrue(c.response().startsWith("HTTP/1.1 200 OK"), path);
            }
            c.send("DELETE / HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n\r\n");
            assertTrue(c.response().startsWith("HTTP/1.1 404"));
        }
    }
}
