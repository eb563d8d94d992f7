package steward.compat.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.compat.testing.FakeControl;

/**
 * Issue 24 item 12: request framing per RFC 9112. supervisord 4.2.5 answers a {@code Content-Length :}
 * with 411 (it does not see the header) and two different lengths with 200 or 400 depending on their
 * order (the first wins); Steward answers 400 to both, and to whitespace before any header's colon.
 * Identical repeated lengths are one valid length (RFC 9110 §8.6 allows either; supervisord accepts).
 */
class HttpFramingTest {
    private static final String CALL = RawClient.call("supervisor.getVersion");
    private static final String N = String.valueOf(CALL.getBytes(StandardCharsets.UTF_8).length);
    private static final String LINE = "POST /RPC2 HTTP/1.1\r\nHost: x\r\n";

    @TempDir
    Path dir;
    private final FakeControl control = new FakeControl();
    private ControlServer server;

    @BeforeEach
    void start() throws Exception {
        server = RawClient.unixServer(control, dir.resolve("s.sock"));
    }

    @AfterEach
    void close() {
        server.close();
    }

    private String answer(String head) throws Exception {
        try (RawClient c = new RawClient(dir.resolve("s.sock"))) {
            c.send(head + "\r\n" + CALL);
            return c.response();
        }
    }

    private void assertBadRequest(String head) throws Exception {
        String r = answer(head);
        assertTrue(r.startsWith("HTTP/1.1 400 Bad Request") || r.startsWith("HTTP/1.0 400 Bad Request"), head + " => " + r);
    }

    private void assertServed(String head) throws Exception {
        String r = answer(head);
        assertTrue(r.startsWith("HTTP/1.1 200 OK") && r.contains("<string>3.0</string>"), head + " => " + r);
    }

    @Test
    void whitespaceBeforeTheColonOfAnyHeaderIsABadRequest() throws Exception {
        assertServed(LINE + "Content-Length: " + N + "\r\n");
        assertBadRequest(LINE + "Content-Length : " + N + "\r\n");
        assertBadRequest(LINE + "Content-Length\t: " + N + "\r\n");
        assertBadRequest("POST /RPC2 HTTP/1.1\r\nHost : x\r\nContent-Length: " + N + "\r\n");
        assertBadRequest(LINE + "Content-Type : text/xml\r\nContent-Length: " + N + "\r\n");
    }

    @Test
    void differentContentLengthsAreABadRequestInEitherOrder() throws Exception {
        assertBadRequest(LINE + "Content-Length: " + N + "\r\nContent-Length: 5\r\n");
        assertBadRequest(LINE + "Content-Length: 5\r\nContent-Length: " + N + "\r\n");
        assertBadRequest(LINE + "Content-Length: " + N + ", 5\r\n");
    }

    @Test
    void identicalContentLengthsAreOneLength() throws Exception {
        assertServed(LINE + "Content-Length: " + N + "\r\nContent-Length: " + N + "\r\n");
        assertServed(LINE + "Content-Length: " + N + ", " + N + "\r\n");
    }

    @Test
    void lengthsThatAreNotDigitsAndMalformedHeaderLinesAreBadRequests() throws Exception {
        assertBadRequest(LINE + "Content-Length: +" + N + "\r\n");
        assertBadRequest(LINE + "Content-Length: 0x10\r\n");
        assertBadRequest(LINE + " X-Folded: a\r\nContent-Length: " + N + "\r\n"); // obs-fold / leading whitespace
        assertBadRequest(LINE + "X-A: a\rContent-Length: " + N + "\r\n"); // bare CR
        assertBadRequest(LINE + "X(A): a\r\nContent-Length: " + N + "\r\n"); // not a token
        assertBadRequest("POST /RPC2 HTTP/1.1\r\nHost: x\r\nHost: y\r\nContent-Length: " + N + "\r\n");
    }
}
