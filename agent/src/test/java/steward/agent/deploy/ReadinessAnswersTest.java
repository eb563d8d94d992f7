package steward.agent.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** "Responsive" is an HTTP answer, not an accepted connection (a held socket's backlog accepts with nobody serving). */
class ReadinessAnswersTest {
    @Test
    void aListenerThatNeverAnswersIsNotResponsive() throws Exception {
        try (ServerSocket backlogOnly = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertTrue(Readiness.accepts(backlogOnly.getLocalPort()), "the kernel accepts into the backlog");
            assertFalse(Readiness.answers(backlogOnly.getLocalPort()));
        }
    }

    @Test
    void anHttpAnswerIsResponsiveUnlessItIsAGatewaysError() throws Exception {
        assertTrue(answeredWith("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        assertTrue(answeredWith("HTTP/1.0 404 Not Found\r\n\r\n"), "the app answers, whatever its page");
        assertFalse(answeredWith("HTTP/1.1 502 Bad Gateway\r\n\r\n"), "nginx without its app server");
        assertFalse(answeredWith("HTTP/1.1 504 Gateway Time-out\r\n\r\n"));
        assertFalse(answeredWith("SSH-2.0-OpenSSH_9.2\r\n"), "not HTTP");
    }

    private static boolean answeredWith(String answer) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket c = server.accept()) {
                    InputStream in = c.getInputStream();
                    StringBuilder req = new StringBuilder();
                    while (!req.toString().endsWith("\r\n\r\n")) {
                        int b = in.read();
                        if (b < 0) {
                            return;
                        }
                        req.append((char) b);
                    }
                    c.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the probe went away
                }
            });
            t.start();
            boolean answered = Readiness.answers(server.getLocalPort());
            t.join(5000);
            return answered;
        }
    }
}
