package steward.agent.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import steward.agent.os.Fds;
import steward.compat.config.HeldSocket;

/**
 * The mirror of the kernel's reuseport order and the steering filter, checked against the kernel
 * itself: real sockets of one group, real connections, and which listener's accept queue
 * ({@code /proc/net/tcp}) each one reached.
 */
class ReuseportGroupTest {
    @Test
    void aClosedSocketLeavesItsSlotToTheLastOne() {
        ReuseportGroup g = new ReuseportGroup();
        g.joined(10);
        g.joined(11);
        g.joined(12);
        assertEquals(2, g.index(12));
        assertTrue(g.closed(10));
        assertEquals(List.of(12L, 11L), g.members());
        assertFalse(g.closed(10), "not a member any more");
        assertTrue(g.closed(11), "the last one leaves no gap");
        assertEquals(List.of(12L), g.members());
        assertEquals(-1, g.index(11));
    }

    @Test
    void theFilterSendsEveryNewConnectionToTheNamedSocketAsTheGroupChanges() throws Exception {
        int port = freePort();
        HeldSocket s = HeldSocket.parse("tcp://127.0.0.1:" + port);
        ReuseportGroup group = new ReuseportGroup();
        List<Integer> fds = new ArrayList<>();
        List<Long> inodes = new ArrayList<>();
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                int fd = i == 0 ? ListeningSocket.open(s) : ListeningSocket.next(s);
                fds.add(fd);
                inodes.add(OpenConnections.inode(Path.of("/proc/self/fd", Integer.toString(fd))));
                group.joined(inodes.get(i));
            }
            long a = inodes.get(0);
            long b = inodes.get(1);
            long c = inodes.get(2);
            ListeningSocket.steer(fds.get(0), group.index(c));
            connect(clients, port, 5);
            assertEquals(Map.of(a, 0L, b, 0L, c, 5L), queues(inodes));

            ListeningSocket.steer(fds.get(2), group.index(b));
            connect(clients, port, 2);
            assertEquals(Map.of(a, 0L, b, 2L, c, 5L), queues(inodes));

            Fds.close(fds.set(0, -1)); // the first generation's last copy: c takes its slot
            assertTrue(group.closed(a));
            assertEquals(0, group.index(c));
            ListeningSocket.steer(fds.get(2), group.index(c));
            connect(clients, port, 3);
            ListeningSocket.steer(fds.get(2), group.index(b));
            connect(clients, port, 1);
            assertEquals(Map.of(b, 3L, c, 8L), queues(List.of(b, c)));
        } finally {
            for (Socket client : clients) {
                client.close();
            }
            fds.stream().filter(fd -> fd >= 0).forEach(Fds::close);
        }
    }

    @Test
    void aFirstGenerationNeverJoinsAGroupSomethingElseListensIn() throws Exception {
        int port = freePort();
        HeldSocket s = HeldSocket.parse("tcp://127.0.0.1:" + port);
        int first = ListeningSocket.open(s);
        try {
            ListeningSocket.SocketError e = assertThrows(ListeningSocket.SocketError.class, () -> ListeningSocket.open(s));
            assertEquals("[Errno 98] Address already in use", e.getMessage());
            HeldSocket any = HeldSocket.parse("tcp://*:" + port);
            assertThrows(ListeningSocket.SocketError.class, () -> ListeningSocket.open(any));
            Fds.close(ListeningSocket.next(s)); // the next generation joins on purpose
        } finally {
            Fds.close(first);
        }
    }

    @Test
    void openConnectionsCountsEstablishedRowsOfTheProcessOnThePortAndItsListenersQueues() {
        List<TcpTable.Row> rows = TcpTable.parse(List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000003 00:00000000 00000000     0        0 100 1",
                "   1: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 201 1",
                "   2: 0100007F:1F90 0100007F:D432 01 00000000:00000000 00:00000000 00000000     0        0 202 1",
                "   3: 0100007F:C350 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 203 1",
                "   4: 0100007F:1F90 0100007F:D433 06 00000000:00000000 00:00000000 00000000     0        0 0 1"));
        assertEquals(new TcpTable.Row("0100007F", 8080, TcpTable.LISTEN, 3, 100), rows.get(0));
        assertTrue(new TcpTable(rows).listensOn(new byte[] {127, 0, 0, 1}, 8080));
        assertTrue(new TcpTable(rows).listensOn(new byte[] {0, 0, 0, 0}, 8080));
        assertFalse(new TcpTable(rows).listensOn(new byte[] {127, 0, 0, 2}, 8080));
        assertFalse(new TcpTable(rows).listensOn(new byte[] {127, 0, 0, 1}, 8081));
        TcpTable t = new TcpTable(rows);
        assertTrue(t.listening(100));
        assertFalse(t.listening(201));
        // 201 and 202 are the process's; 203 is a connection from port 50000; the listener holds 3 more
        assertEquals(5, OpenConnections.count(t, Set.of(8080), Set.of(201L, 202L, 203L), Set.of(100L)));
        assertEquals(1, OpenConnections.count(t, Set.of(8080), Set.of(201L), Set.of()));
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private static void connect(List<Socket> clients, int port, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            Socket c = new Socket();
            c.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            clients.add(c);
        }
    }

    /** Each listener's accept queue, by inode, once the handshakes are done. */
    private static Map<Long, Long> queues(List<Long> inodes) {
        TcpTable t = TcpTable.of((int) ProcessHandle.current().pid());
        return t.rows().stream().filter(r -> r.state() == TcpTable.LISTEN && inodes.contains(r.inode()))
                .collect(Collectors.toMap(TcpTable.Row::inode, TcpTable.Row::rxQueue));
    }
}
