package steward.agent.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Issue 23 item 12: "Port N was unavailable" is said only when something served on the port before the swap. */
class PortProbeTest {
    @Test
    void knowsWhetherThePortServedBeforeTheSwap() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            port = s.getLocalPort();
            try (PortProbe p = new PortProbe(port)) {
                assertTrue(p.servedBefore());
            }
        }
        try (PortProbe p = new PortProbe(port)) {
            assertFalse(p.servedBefore());
        }
    }
}
