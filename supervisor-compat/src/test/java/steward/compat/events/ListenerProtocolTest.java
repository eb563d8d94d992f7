package steward.compat.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the differential test cannot ask Supervisor (it recurses forever or drops bytes there). */
class ListenerProtocolTest {
    private final List<String> rejected = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final ListenerProtocol<String> protocol = new ListenerProtocol<>("l", new ListenerProtocol.Effects<>() {
        @Override
        public void reject(String event) {
            rejected.add(event);
        }

        @Override
        public void debug(String message) {
        }

        @Override
        public void warn(String message) {
            warnings.add(message);
        }
    });

    private void out(String s) {
        protocol.output(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aNegativeResultLengthIsABadResultLineNotALoop() {
        out("READY\n");
        protocol.sent("e1");
        out("RESULT -1\nOK");
        assertEquals(ListenerProtocol.State.UNKNOWN, protocol.state());
        assertEquals(List.of("e1"), rejected);
        assertEquals("l: bad result line: 'RESULT -1'", warnings.get(0));
    }

    @Test
    void aRespawnStartsAcknowledgedAgain() {
        out("garbage");
        assertEquals(ListenerProtocol.State.UNKNOWN, protocol.state());
        protocol.spawned();
        out("READY\n");
        assertEquals(ListenerProtocol.State.READY, protocol.state());
    }

    @Test
    void captureModeKeepsHeldBackBytesAtEndOfFile() {
        CaptureMode mode = new CaptureMode(100);
        assertEquals(List.of(), mode.read("bye\n".getBytes(StandardCharsets.US_ASCII)));
        List<CaptureMode.Piece> last = mode.eof();
        assertEquals(1, last.size());
        assertEquals("bye\n", new String(((CaptureMode.Output) last.get(0)).data(), StandardCharsets.US_ASCII));
    }

    @Test
    void everyConfigEventNameIsAnEventType() throws Exception {
        var field = Class.forName("steward.compat.config.ListenerParser").getDeclaredField("EVENT_NAMES");
        field.setAccessible(true);
        assertEquals(Arrays.stream(EventType.values()).map(Enum::name).toList(), field.get(null));
    }

    /**
     * Issue 24 item 10: what a listener may have pending is bounded. A result line that never ends,
     * or {@code RESULT 1000000000} followed by a stream, puts it in UNKNOWN with one warning (they
     * used to be held until the heap ran out); what follows is dropped.
     */
    @Test
    void aListenerThatOverrunsTheBufferIsUnknownOnce() {
        byte[] chunk = new byte[16 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        out("READY\n");
        protocol.sent("e1");
        for (int i = 0; i < 8; i++) {
            protocol.output(chunk);
        }
        assertEquals(ListenerProtocol.State.UNKNOWN, protocol.state());
        assertEquals(List.of("l: has entered the UNKNOWN state: its protocol buffer overflowed (a result line longer than "
                + "65536 bytes); it is restarted"), warnings);
        protocol.exited();
        assertEquals(List.of("e1"), rejected);

        warnings.clear();
        protocol.spawned();
        out("READY\n");
        protocol.sent("e2");
        out("RESULT 1000000000\n");
        for (int i = 0; i < 8; i++) {
            protocol.output(chunk);
        }
        assertEquals(ListenerProtocol.State.UNKNOWN, protocol.state());
        assertEquals(List.of("l: has entered the UNKNOWN state: its protocol buffer overflowed (a result of 1000000000 "
                + "bytes, more than 65536); it is restarted"), warnings);
    }
}
