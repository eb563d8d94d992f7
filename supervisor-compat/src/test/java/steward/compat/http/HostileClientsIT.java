package steward.compat.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.compat.config.InetHttpServerConfig;
import steward.compat.config.UnixHttpServerConfig;
import steward.compat.testing.Cli;
import steward.compat.testing.FakeControl;

/** Issue 15, defects 1 and 2, with the real supervisorctl: hostile TCP clients never lock it out. */
class HostileClientsIT {
    private static final String CTL = "/usr/bin/supervisorctl";

    @TempDir
    Path dir;
    private final FakeControl control = new FakeControl();
    private ControlServer server;
    private final List<Socket> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Cli.require(CTL);
        control.run(control.add("web", "web", 1));
        server = ControlServer.builder(control)
                .unix(Optional.of(new UnixHttpServerConfig(dir.resolve("s.sock"), 0700, Optional.empty(), Optional.empty(),
                        Optional.empty())))
                .inet(Optional.of(new InetHttpServerConfig("127.0.0.1", 0, Optional.of("admin"), Optional.of("secret"))))
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : clients) {
            s.close();
        }
        server.close();
    }

    private Socket open() throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.tcpPort());
        clients.add(s);
        return s;
    }

    private void assertStatusAnswers() throws Exception {
        Cli.Result unix = Cli.run(List.of(CTL, "-s", "unix://" + dir.resolve("s.sock"), "status"));
        assertEquals(0, unix.exit(), unix.out() + unix.err());
        assertTrue(unix.out().startsWith("web                              RUNNING   pid "), unix.out());
        Cli.Result tcp = Cli.run(List.of(CTL, "-s", "http://127.0.0.1:" + server.tcpPort(), "-u", "admin", "-p", "secret",
                "status"));
        assertEquals(unix.out(), tcp.out(), tcp.err());
    }

    @Test
    void threeHundredIdleTcpConnectionsLeaveStatusAnswering() throws Exception {
        for (int i = 0; i < 300; i++) {
            open();
        }
        Cli.Result unix = Cli.run(List.of(CTL, "-s", "unix://" + dir.resolve("s.sock"), "status"));
        assertEquals(0, unix.exit(), unix.out() + unix.err());
        for (Socket s : clients) {
            s.setSoTimeout(20_000);
            assertEquals(-1, s.getInputStream().read(), "closed by the server once its request deadline passed");
        }
        assertStatusAnswers();
    }

    @Test
    void aHundredUnauthenticatedMegabyteHeadsAreRefusedAndStatusAnswers() throws Exception {
        byte[] head = "POST /RPC2 HTTP/1.1\r\nHost: x\r\nContent-Length: 1048576\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 100; i++) {
            open().getOutputStream().write(head);
        }
        for (Socket s : clients) {
            s.setSoTimeout(10_000);
            String reply = new String(s.getInputStream().readNBytes(25), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 401 Unauthorized", reply);
        }
        assertStatusAnswers();
    }
}
