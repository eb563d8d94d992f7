package steward.agent.fcgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.agent.engine.OutputHandler;
import steward.agent.logs.DaemonLog;
import steward.agent.logs.LogSink;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.config.FcgiSocket;
import steward.compat.config.GroupConfig;
import steward.compat.config.GroupKind;
import steward.compat.config.LogLevel;
import steward.compat.events.EngineEvent;

/** Real listening sockets: made at the first spawn, shared, closed after the last process. */
class FcgiSocketsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final DaemonLog log = new DaemonLog(LogSink.DISCARD, new PrintStream(logged, true), LogLevel.INFO);

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static FcgiSocket tcp(int port) {
        return new FcgiSocket("tcp://127.0.0.1:" + port, Optional.empty(), "127.0.0.1", port, OptionalInt.empty(),
                Optional.empty(), OptionalInt.empty());
    }

    private FcgiSockets sockets(FcgiSocket socket) {
        GroupConfig g = new GroupConfig("fc", 999, List.of(), new GroupKind.FastCgi(socket));
        return new FcgiSockets(log, name -> name.equals("fc") ? Optional.of(g) : Optional.empty());
    }

    private static boolean accepts(int port) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (ConnectException e) {
            return false;
        }
    }

    @Test
    void aTcpSocketIsSharedByThePoolAndClosedAfterItsLastProcess() throws Exception {
        int port = freePort();
        FcgiSockets s = sockets(tcp(port));
        ProcessRef a = new ProcessRef("fc", "fc_0");
        ProcessRef b = new ProcessRef("fc", "fc_1");
        assertEquals(-1, s.stdinFd(new ProcessRef("web", "web"), null), "not an fcgi group");
        assertTrue(!accepts(port));
        int fd = s.stdinFd(a, null);
        assertTrue(fd > 2);
        assertEquals(fd, s.stdinFd(b, null));
        assertTrue(accepts(port), "listening before any accept()");
        OutputHandler ha = s.output(a, null, (stream, chunk) -> { });
        ha.exited();
        assertTrue(accepts(port), "fc_1 still holds it");
        s.onEvent(new EngineEvent.Published(9, new EngineEvent.ProcessStateChanged(b, ProcessState.STOPPING,
                ProcessState.STOPPED, false, 5, 0)));
        assertTrue(!accepts(port));
        assertTrue(s.openFd("fc").isEmpty());
        String text = logged.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains(" INFO Creating socket tcp://127.0.0.1:" + port + "\n"), text);
        assertTrue(text.contains(" INFO Closing socket tcp://127.0.0.1:" + port + "\n"), text);
    }

    @Test
    void aUnixSocketReplacesAStaleFileAndGetsItsMode() throws Exception {
        Path path = dir.resolve("fc.sock");
        Files.writeString(path, "stale");
        FcgiSocket unix = new FcgiSocket("unix://" + path, Optional.of(path), "", 0, OptionalInt.of(5),
                Optional.empty(), OptionalInt.of(0660));
        FcgiSockets s = sockets(unix);
        s.stdinFd(new ProcessRef("fc", "fc"), null);
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            assertTrue(ch.connect(UnixDomainSocketAddress.of(path)));
        }
        s.onEvent(new EngineEvent.Published(3, new EngineEvent.GroupChanged("fc", false)));
        assertTrue(s.openFd("fc").isEmpty());
    }

    @Test
    void aUnixSocketIsChownedToItsOwner() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "chown needs root");
        Path path = dir.resolve("owned.sock");
        FcgiSocket unix = new FcgiSocket("unix://" + path, Optional.of(path), "", 0, OptionalInt.empty(),
                Optional.of(new FcgiSocket.Owner(65534, -1)), OptionalInt.of(0700));
        sockets(unix).stdinFd(new ProcessRef("fc", "fc"), null);
        assertEquals(65534, Files.getAttribute(path, "unix:uid"));
        assertEquals(0, Files.getAttribute(path, "unix:gid"), "gid -1 leaves the group");
    }

    @Test
    void aSocketThatCannotBeMadeAtSpawnFailsTheSpawnInsteadOfGivingAPipe() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            FcgiSockets s = sockets(tcp(taken.getLocalPort()));
            assertEquals(FcgiSockets.NO_SOCKET, s.stdinFd(new ProcessRef("fc", "fc"), null));
            assertTrue(logged.toString(StandardCharsets.UTF_8).contains(" ERRO Could not create FastCGI socket tcp://"
                    + "127.0.0.1:" + taken.getLocalPort() + ": [Errno 98] Address already in use\n"));
        }
    }

    @Test
    void aSocketThatCannotBeMadeStopsTheStartWithSupervisorsMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            GroupConfig g = new GroupConfig("fc", 999, List.of(), new GroupKind.FastCgi(tcp(port)));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> FcgiSockets.check(List.of(g)));
            assertEquals("Could not create FastCGI socket tcp://127.0.0.1:" + port
                    + ": [Errno 98] Address already in use", e.getMessage());
        }
    }

    /**
     * Issue 24 item 14: a directory at a unix socket path, empty or not, is refused with the errno as
     * supervisord 4.2.5 refuses it ("Could not create FastCGI socket unix:///p: [Errno 21] Is a
     * directory: '/p'", from os.unlink), and is left in place.
     */
    @Test
    void aDirectoryAtAUnixSocketPathIsRefusedWithEisdirAndKept() throws Exception {
        for (String name : List.of("empty", "full")) {
            Path path = dir.resolve(name);
            Files.createDirectory(path);
            if (name.equals("full")) {
                Files.writeString(path.resolve("keep"), "x");
            }
            FcgiSocket unix = new FcgiSocket("unix://" + path, Optional.of(path), "", 0, OptionalInt.empty(),
                    Optional.empty(), OptionalInt.empty());
            GroupConfig g = new GroupConfig("fc", 999, List.of(), new GroupKind.FastCgi(unix));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> FcgiSockets.check(List.of(g)));
            assertEquals("Could not create FastCGI socket unix://" + path + ": [Errno 21] Is a directory: '" + path + "'",
                    e.getMessage());
            assertTrue(Files.isDirectory(path), name + " directory kept");
        }
    }
}
