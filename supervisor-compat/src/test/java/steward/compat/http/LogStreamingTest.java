package steward.compat.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.compat.ctl.Ctl;
import steward.compat.rpc.RpcDispatcher;
import steward.compat.testing.FakeControl;
import steward.compat.xmlrpc.XmlRpcWriter;

/**
 * Issue 24 item 15: readLog / readProcess*Log / tailProcess*Log replies are streamed from the file, so
 * a 20 MB tail is answered (supervisord 4.2.5 answers it; Steward refused above a sixteenth of its heap
 * with FAILED, which supervisorctl shows as "unknown error reading log"), byte for byte what the whole
 * text written at once would be: escaping, multi-byte characters and bad bytes across read boundaries.
 */
class LogStreamingTest {
    private static final int SIZE = 21_000_000;

    @TempDir
    Path dir;
    private final FakeControl control = new FakeControl();
    private ControlServer server;
    private byte[] log;

    @BeforeEach
    void start() throws Exception {
        // 37-byte lines (co-prime with the 64 KB reads): markup, 2- and 4-byte characters, a control
        // character and a byte that is not UTF-8, so every kind of boundary falls inside one of them
        byte[] line = "a&b<c>d \u00e9\u00e9 \uD83D\uDE80 \u0001 x\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBad = Arrays.copyOf(line, line.length + 1);
        withBad[withBad.length - 1] = (byte) 0xFF;
        ByteBuffer all = ByteBuffer.allocate(SIZE);
        while (all.hasRemaining()) {
            all.put(withBad, 0, Math.min(withBad.length, all.remaining()));
        }
        log = all.array();
        Path file = dir.resolve("big.log");
        Files.write(file, log);
        control.add("big", "big", 1).stdout = file.toString();
        control.mainLog = file;
        server = RawClient.unixServer(control, dir.resolve("s.sock"));
    }

    @AfterEach
    void close() {
        server.close();
    }

    private static String decoded(byte[] bytes, int from, int to) throws Exception {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
    }

    /** One call over the socket: the body, after checking it is exactly Content-Length long. */
    private byte[] call(String body) throws Exception {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(dir.resolve("s.sock")));
            ch.write(ByteBuffer.wrap(RawClient.post(body).replace("Host: localhost\r\n", "Host: localhost\r\nConnection: close\r\n")
                    .getBytes(StandardCharsets.UTF_8)));
            InputStream in = Channels.newInputStream(ch);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            byte[] reply = all.toByteArray();
            String text = new String(reply, 0, Math.min(reply.length, 400), StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            assertTrue(text.startsWith("HTTP/1.1 200 OK") && end > 0, text);
            long length = Long.parseLong(text.replaceAll("(?s).*\r\nContent-Length: (\\d+)\r\n.*", "$1"));
            assertEquals(reply.length - end - 4, length, "Content-Length");
            return Arrays.copyOfRange(reply, end + 4, reply.length);
        }
    }

    private static String methodCall(String method, Object... params) {
        return new String(XmlRpcWriter.call(method, List.of(params)), StandardCharsets.UTF_8);
    }

    @Test
    void aTwentyMegabyteReadAndTailAreStreamedExactly() throws Exception {
        String last20 = decoded(log, SIZE - 20_000_000, SIZE);
        assertArrayEquals(XmlRpcWriter.response(last20),
                call(methodCall("supervisor.readProcessStdoutLog", "big", -20_000_000, 0)));
        assertArrayEquals(XmlRpcWriter.response(List.of(last20, SIZE, true)),
                call(methodCall("supervisor.tailProcessStdoutLog", "big", 5, 20_000_000)));
        String middle = decoded(log, 70_001, 70_001 + 3_000_000);
        assertArrayEquals(XmlRpcWriter.response(middle), call(methodCall("supervisor.readLog", 70_001, 3_000_000)));
    }

    @Test
    void severalStreamedTextsInOneReplyKeepTheirPlaces() throws Exception {
        Map<String, Object> a = Map.of("methodName", "supervisor.readLog", "params", List.of(100_000, 200_000));
        Map<String, Object> b = Map.of("methodName", "supervisor.getVersion", "params", List.of());
        Map<String, Object> c = Map.of("methodName", "supervisor.readProcessStdoutLog", "params", List.of("big", -300_000, 0));
        byte[] streamed = call(methodCall("system.multicall", List.of(a, b, c)));
        Object whole = RpcDispatcher.create(control, "4.2.5", ZoneId.of("UTC"), List.of())
                .call("system.multicall", List.of(List.of(a, b, c))).join();
        // supervisord's multicall lists the results themselves (not each in a list of one)
        byte[] expected = XmlRpcWriter.response(List.of(decoded(log, 100_000, 300_000), "3.0",
                decoded(log, SIZE - 300_000, SIZE)));
        assertArrayEquals(expected, XmlRpcWriter.response(whole), "read whole where nothing streams");
        assertArrayEquals(expected, streamed);
    }

    /** steward ctl holds a reply whole: a tail above its limit says what the limit is (it said "document too large"). */
    @Test
    void steward_ctlNamesItsReplyLimitAndPrintsWhatIsUnderIt() throws Exception {
        String url = "unix://" + dir.resolve("s.sock");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertEquals(1, Ctl.run(List.of("-s", url, "tail", "-5000000", "big"), ps, ps));
        assertTrue(out.toString(StandardCharsets.UTF_8).matches("error: IOException, a reply of \\d+ bytes is over steward ctl's "
                + "limit of 4194304 bytes .*\n"), out.toString(StandardCharsets.UTF_8));
        out.reset();
        assertEquals(0, Ctl.run(List.of("-s", url, "tail", "-2000000", "big"), ps, ps));
        assertEquals(decoded(log, SIZE - 2_000_000, SIZE).replace((char) 1, (char) 0xFFFD) + "\n", out.toString(StandardCharsets.UTF_8));
    }
}
