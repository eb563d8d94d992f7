package steward.compat.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.compat.config.UnixHttpServerConfig;
import steward.compat.testing.FakeControl;

/**
 * Added pages ({@code /metrics}) are answered in the selector's own wake-up: a body larger than the
 * socket takes at once, kept-alive repeats, HEAD, a page that throws; and a server with nothing to
 * time out is not woken by a timer (what an idle daemon in every container pays).
 */
class ControlServerPagesTest {
    @TempDir
    Path dir;
    private ControlServer server;
    private final AtomicInteger renders = new AtomicInteger();

    /** 600 KB of numbered lines, more than a unix socket's buffer holds. */
    private static String bigBody(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; b.length() < 600_000; i++) {
            b.append("sample_").append(n).append('_').append(i).append(" 1\n");
        }
        return b.toString();
    }

    private void start() throws IOException {
        Page big = new Page() {
            @Override
            public String contentType() {
                return "text/plain; version=0.0.4";
            }

            @Override
            public ByteBuffer render() {
                byte[] body = bigBody(renders.incrementAndGet()).getBytes(StandardCharsets.US_ASCII);
                return ByteBuffer.wrap(body, 0, body.length);
            }
        };
        Page broken = new Page() {
            @Override
            public String contentType() {
                return "text/plain";
            }

            @Override
            public ByteBuffer render() {
                throw new IllegalStateException("no figures today");
            }
        };
        server = ControlServer.builder(new FakeControl())
                .unix(Optional.of(new UnixHttpServerConfig(dir.resolve("s.sock"), 0700, Optional.empty(), Optional.empty(),
                        Optional.empty())))
                .page("/metrics", big).page("/broken", broken).start();
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void bigPagesOnAKeptAliveConnectionThenHeadAndAFailingPage() throws Exception {
        start();
        try (RawClient c = new RawClient(dir.resolve("s.sock"))) {
            for (int n = 1; n <= 3; n++) {
                c.send("GET /metrics HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n");
                String r = c.response();
                String body = bigBody(n);
                assertTrue(r.startsWith("HTTP/1.1 200 OK\r\n"), r.substring(0, 100));
                assertTrue(r.contains("Content-Type: text/plain; version=0.0.4\r\nContent-Length: " + body.length() + "\r\n"));
                assertEquals(body, r.substring(r.indexOf("\r\n\r\n") + 4));
            }
            c.send("HEAD /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String head = c.readToEnd();
            assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n") && head.endsWith("\r\n\r\n"), head);
            assertTrue(head.contains("Content-Length: " + bigBody(4).length() + "\r\n"), head);
        }
        try (RawClient c = new RawClient(dir.resolve("s.sock"))) {
            c.send("GET /broken HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(c.response().startsWith("HTTP/1.1 500 "));
        }
        try (RawClient c = new RawClient(dir.resolve("s.sock"))) {
            c.send("GET /metrics HTTP/1.0\r\n\r\n");
            assertTrue(c.readToEnd().endsWith(" 1\n"));
        }
    }

    @Test
    void anIdleServerIsNotWokenByATimer() throws Exception {
        List<Path> others = controlThreads(); // servers of other tests, maybe still closing
        start();
        // ours: the new one (it names itself as it starts, maybe after start() has returned)
        List<Path> control = await().atMost(Duration.ofSeconds(5)).until(
                () -> controlThreads().stream().filter(t -> !others.contains(t)).toList(), threads -> !threads.isEmpty());
        assertEquals(1, control.size(), "one new steward-control thread: " + control);
        // the old loop woke every second with nothing to do: what the selector is asked to wait says
        // so without timing it (0: until a client comes)
        assertAsleep(control.get(0), 0, 0, "the idle selector thread");
        try (RawClient c = new RawClient(dir.resolve("s.sock"))) {
            c.send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(c.response().startsWith("HTTP/1.1 200 OK"));
            // a kept-alive scraper between scrapes: the next wake is its idle deadline, minutes away
            assertAsleep(control.get(0), Duration.ofMinutes(1).toMillis(), Limits.DEFAULT.idleTimeout().toMillis(),
                    "the selector thread with one idle kept-alive client");
        }
    }

    /** The selector thread sleeps in its wait, which was asked to last between min and max ms (0: no limit). */
    private void assertAsleep(Path task, long min, long max, String what) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertTrue(Files.readString(task.resolve("stat")).split("\\) ", 2)[1].startsWith("S"), what + " sleeps");
            long wait = server.lastWaitMillis();
            assertTrue(wait >= min && wait <= max, "the wait of " + what + ": " + wait + " ms");
        });
    }

    private static List<Path> controlThreads() throws IOException {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(t -> {
                try {
                    return Files.readString(t.resolve("comm")).trim().equals("steward-control");
                } catch (IOException gone) {
                    return false;
                }
            }).toList();
        }
    }
}
