package steward.agent.up;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who holds a port, from the real /proc: this JVM with a listening socket. */
class PortHolderTest {
    @Test
    void namesThisProcessAsTheHolderOfItsListeningSocket() throws Exception {
        PortHolder ports = PortHolder.system();
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(0));
            Optional<PortHolder.Holder> h = ports.find(s.getLocalPort());
            assertTrue(h.isPresent());
            assertEquals(ProcessHandle.current().pid(), h.get().pid());
            assertTrue(h.get().command().contains("java"), h.get().command());
            assertTrue(ports.descends(h.get().pid(), ProcessHandle.current().pid()));
            assertTrue(!ports.descends(h.get().pid(), 999_999_999L));
        }
    }

    @Test
    void aFreePortHasNoHolder() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertEquals(Optional.empty(), PortHolder.system().find(port));
    }
}
