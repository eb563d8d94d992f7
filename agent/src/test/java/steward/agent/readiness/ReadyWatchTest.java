package steward.agent.readiness;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.agent.os.EventLoop;
import steward.agent.os.ManualClock;
import steward.compat.config.ReadyCheck;

/** Readiness checks on a real epoll loop against real sockets, servers, commands and notify datagrams. */
class ReadyWatchTest {
    @TempDir
    Path dir;

    private EventLoop loop;

    @BeforeEach
    void startLoop() {
        loop = new EventLoop("test-loop");
        loop.start();
    }

    @AfterEach
    void stopLoop() throws Exception {
        loop.stop();
        loop.join();
        loop.close();
    }

    /** Runs a watch and returns null (ready) or the timeout reason, plus how long it took. */
    private String watch(ReadyCheck check, long timeoutMs, NotifySocket notify) throws Exception {
        CompletableFuture<String> result = new CompletableFuture<>();
        loop.execute(() -> ReadyWatch.start(loop, check, timeoutMs, notify, List.of("PATH=/usr/bin:/bin"),
                dir.toString(), () -> result.complete(null), result::complete));
        return result.get(timeoutMs + 10_000, TimeUnit.MILLISECONDS);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void tcpIsReadyWhenAConnectionIsAccepted() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            assertEquals(null, watch(new ReadyCheck.Tcp("127.0.0.1", s.getLocalPort()), 3000, null));
        }
        int port = closedPort();
        String reason = watch(new ReadyCheck.Tcp("localhost", port), 1500, null);
        assertEquals("not ready after 1.5 s: connect to localhost:" + port + ": Connection refused", reason);
    }

    /**
     * On a loop whose clock the test moves: the next attempt starts when a second has passed on it,
     * not before. Each attempt's shell is a child of this JVM from its spawn (on the loop) to its
     * reaping (on the loop), so "no attempt running" is read off the children once the loop has run
     * what was due, without waiting on the machine.
     */
    @Test
    void attemptsRepeatEverySecondUntilOneSucceeds() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        EventLoop timed = new EventLoop("test-loop-clock", clock);
        timed.start();
        try {
            CompletableFuture<String> result = new CompletableFuture<>();
            timed.execute(() -> ReadyWatch.start(timed, new ReadyCheck.Exec("n=$(cat count 2>/dev/null || echo 0); "
                    + "echo $((n+1)) > count; [ $n -ge 2 ]"), 10_000, null, List.of("PATH=/usr/bin:/bin"),
                    dir.toString(), () -> result.complete(null), result::complete));
            for (int attempt = 1; attempt <= 2; attempt++) {
                String count = attempt + "\n";
                await().atMost(Duration.ofSeconds(10)).until(() -> count.equals(read("count")) && noChild());
                ManualClock.settle(timed);
                assertTrue(noChild() && !result.isDone(), "no attempt " + (attempt + 1) + " before the second is over");
                clock.advance(Duration.ofMillis(999));
                ManualClock.settle(timed);
                assertTrue(noChild() && count.equals(read("count")), "none after 999 ms either");
                clock.advance(Duration.ofMillis(1));
                ManualClock.settle(timed);
            }
            assertEquals(null, result.get(10, TimeUnit.SECONDS));
            assertEquals("3\n", Files.readString(dir.resolve("count")));
        } finally {
            timed.stop();
            timed.join();
            timed.close();
        }
    }

    private static boolean noChild() {
        return ProcessHandle.current().children().findAny().isEmpty();
    }

    private String read(String name) throws java.io.IOException {
        Path p = dir.resolve(name);
        return Files.exists(p) ? Files.readString(p) : "";
    }

    @Test
    void httpNeedsA2xxOr3xx() throws Exception {
        AtomicInteger code = new AtomicInteger(503);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/health", ex -> {
            ex.sendResponseHeaders(code.get(), -1);
            ex.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            String reason = watch(new ReadyCheck.Http("127.0.0.1", port, "/health"), 1200, null);
            assertEquals("not ready after 1.2 s: GET http://127.0.0.1:" + port + "/health: HTTP/1.1 503 Service Unavailable",
                    reason);
            code.set(204);
            assertEquals(null, watch(new ReadyCheck.Http("127.0.0.1", port, "/health"), 3000, null));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void execIsReadyWhenTheCommandExitsZero() throws Exception {
        Path flag = dir.resolve("flag");
        assertEquals("not ready after 1.2 s: exec:test -e flag: exit status 1",
                watch(new ReadyCheck.Exec("test -e flag"), 1200, null));
        Files.writeString(flag, "");
        assertEquals(null, watch(new ReadyCheck.Exec("test -e flag"), 3000, null));
    }

    @Test
    void aHungExecCheckIsKilledAndRetried() throws Exception {
        String marker = "5" + System.nanoTime() % 100000;
        String reason = watch(new ReadyCheck.Exec("sleep 3" + marker), 2500, null);
        assertEquals("not ready after 2.5 s: check took longer than 1000 ms", reason);
    }

    @Test
    void notifyWaitsForReadyAndPassesStatus() throws Exception {
        AtomicReference<String> status = new AtomicReference<>();
        Path sock = dir.resolve("n.sock");
        NotifySocket notify = loop.call(() -> NotifySocket.open(loop, sock, -1, status::set)).get(5, TimeUnit.SECONDS);
        CompletableFuture<String> result = new CompletableFuture<>();
        loop.execute(() -> ReadyWatch.start(loop, new ReadyCheck.Notify(), 10_000, notify, List.of(), null,
                () -> result.complete(null), result::complete));
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import socket,sys; s=socket.socket(socket.AF_UNIX, "
                + "socket.SOCK_DGRAM); s.sendto(b'STATUS=warming up\\nREADY=1', sys.argv[1])", sock.toString())
                .inheritIO().start();
        assertEquals(0, p.waitFor());
        assertEquals(null, result.get(10, TimeUnit.SECONDS));
        assertEquals("warming up", status.get());
        loop.execute(notify::close);
        String reason = watch(new ReadyCheck.Notify(), 1000, loop.call(() -> NotifySocket.open(loop,
                dir.resolve("m.sock"), -1, s -> { })).get(5, TimeUnit.SECONDS));
        assertTrue(reason.equals("not ready after 1 s: no READY=1 on NOTIFY_SOCKET"), reason);
    }
}
