package steward.agent.sockets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of {@code /proc/<pid>/net/tcp} and {@code tcp6} that matter to a drain: local port,
 * state, receive queue (for a listening socket: the connections waiting in its accept queue) and
 * socket inode.
 */
record TcpTable(List<Row> rows) {
    static final int ESTABLISHED = 0x01;
    static final int LISTEN = 0x0A;

    /** @param localAddress as the file prints it: hex digits of the address in host byte order */
    record Row(String localAddress, int localPort, int state, long rxQueue, long inode) {
    }

    /**
     * The IPv4 rows of {@code pid}'s network namespace (held tcp sockets are IPv4, and so are the
     * connections they accept); empty when it is gone.
     */
    static TcpTable of(int pid) {
        return of(pid, List.of("tcp"));
    }

    /** The IPv4 and IPv6 rows of {@code pid}'s network namespace. */
    static TcpTable all(int pid) {
        return of(pid, List.of("tcp", "tcp6"));
    }

    private static TcpTable of(int pid, List<String> files) {
        List<Row> rows = new ArrayList<>();
        for (String name : files) {
            try {
                rows.addAll(parse(Files.readAllLines(Path.of("/proc", Integer.toString(pid), "net", name))));
            } catch (IOException | RuntimeException e) {
                // the process is gone, or no IPv6
            }
        }
        return new TcpTable(rows);
    }

    /**
     * Parses the lines of a {@code /proc/net/tcp} file: {@code sl local rem st tx_queue:rx_queue tr:tm
     * retrnsmt uid timeout inode ...}, the header first; addresses are {@code HEXADDR:HEXPORT}.
     */
    static List<Row> parse(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            String local = f[1];
            int port = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
            int state = Integer.parseInt(f[3], 16);
            long rx = Long.parseLong(f[4].substring(f[4].indexOf(':') + 1), 16);
            rows.add(new Row(local.substring(0, local.lastIndexOf(':')), port, state, rx, Long.parseLong(f[9])));
        }
        return rows;
    }

    /**
     * Whether a socket listens on {@code port} at the IPv4 address {@code ip} (4 bytes), at the
     * wildcard, or anywhere when {@code ip} is the wildcard (also an IPv6 wildcard listener).
     */
    boolean listensOn(byte[] ip, int port) {
        String hex = String.format("%02X%02X%02X%02X", ip[3], ip[2], ip[1], ip[0]); // little-endian hosts
        boolean any = hex.equals("00000000");
        return rows.stream().anyMatch(r -> r.state() == LISTEN && r.localPort() == port
                && (any || r.localAddress().equals(hex) || r.localAddress().matches("0+")));
    }

    /** Whether a listening socket with this inode is still open (in any process). */
    boolean listening(long inode) {
        return rows.stream().anyMatch(r -> r.state() == LISTEN && r.inode() == inode);
    }
}
