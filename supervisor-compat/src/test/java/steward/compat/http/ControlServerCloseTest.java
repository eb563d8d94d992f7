package steward.compat.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.compat.config.UnixHttpServerConfig;
import steward.compat.rpc.MethodTable;
import steward.compat.testing.FakeControl;

/**
 * Closing the server while a call is in flight: the daemon closes its endpoints once the engine
 * has terminated, which a shutdown call may bring about before its own reply is written. The
 * method below forces that order (close has begun, or finished, before the method returns);
 * supervisord answers shutdown before it stops listening, and so must this server.
 */
class ControlServerCloseTest {
    @TempDir
    Path dir;

    @RepeatedTest(3)
    void aCallInFlightIsAnsweredBeforeTheSocketsClose() throws Exception {
        AtomicReference<ControlServer> server = new AtomicReference<>();
        AtomicReference<Thread> closer = new AtomicReference<>();
        MethodTable table = MethodTable.builder("test").add("shutdown", List.of("boolean"), "@return boolean", p -> {
            Thread t = new Thread(() -> server.get().close(), "closer");
            closer.set(t);
            t.start();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> server.get().closing() || t.getState() == Thread.State.TERMINATED);
            return true;
        }).build();
        Path sock = dir.resolve("s.sock");
        server.set(ControlServer.builder(new FakeControl())
                .unix(Optional.of(new UnixHttpServerConfig(sock, 0700, Optional.empty(), Optional.empty(), Optional.empty())))
                .methods(table).start());
        try (RawClient c = new RawClient(sock)) {
            c.send(RawClient.post(RawClient.call("test.shutdown")));
            String reply = c.response();
            assertTrue(reply.startsWith("HTTP/1.1 200 OK\r\n") && reply.contains("<boolean>1</boolean>"), reply);
            assertTrue(c.closedByServer());
        }
        closer.get().join(5000);
        assertFalse(closer.get().isAlive());
        assertFalse(Files.exists(sock));
    }

    @Test
    void idleConnectionsAndLogStreamsDoNotHoldCloseUp() throws Exception {
        Path sock = dir.resolve("s.sock");
        Path log = Files.writeString(dir.resolve("main.log"), "line\n");
        FakeControl control = new FakeControl();
        control.mainLog = log;
        ControlServer server = ControlServer.builder(control)
                .unix(Optional.of(new UnixHttpServerConfig(sock, 0700, Optional.empty(), Optional.empty(), Optional.empty())))
                .start();
        try (RawClient idle = new RawClient(sock); RawClient tail = new RawClient(sock)) {
            idle.send(RawClient.post(RawClient.call("supervisor.getVersion")));
            assertTrue(idle.response().contains("<string>3.0</string>"));
            tail.send("GET /mainlogtail HTTP/1.0\r\n\r\n");
            long t0 = System.nanoTime();
            server.close();
            assertTrue(System.nanoTime() - t0 < 1_500_000_000L, "close waited for connections with nothing in flight");
            assertTrue(idle.closedByServer());
            assertTrue(tail.closedByServer());
        }
    }
}
