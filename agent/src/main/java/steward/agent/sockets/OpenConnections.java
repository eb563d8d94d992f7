package steward.agent.sockets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What an old process of a socket program still serves, read from /proc from outside: the TCP
 * connections on the held ports that it or one of its descendants holds ({@code ESTABLISHED} rows
 * of {@code /proc/net/tcp} whose inode is one of their fds), plus the connections waiting in
 * the accept queues of its old listening sockets (they are still its to accept).
 */
final class OpenConnections {
    private OpenConnections() {
    }

    /** The count for process {@code pid} (0 when it is gone) in {@code table}, its network namespace's. */
    static long of(int pid, Set<Integer> ports, Set<Long> listeners, TcpTable table) {
        Set<Long> inodes = new HashSet<>();
        tree(pid).forEach(p -> inodes.addAll(socketInodes(p)));
        return count(table, ports, inodes, listeners);
    }

    /** ESTABLISHED rows on {@code ports} held through {@code inodes}, plus the accept queues of {@code listeners}. */
    static long count(TcpTable table, Set<Integer> ports, Set<Long> inodes, Set<Long> listeners) {
        long n = 0;
        for (TcpTable.Row r : table.rows()) {
            if (r.state() == TcpTable.ESTABLISHED && ports.contains(r.localPort()) && inodes.contains(r.inode())) {
                n++;
            } else if (r.state() == TcpTable.LISTEN && listeners.contains(r.inode())) {
                n += r.rxQueue();
            }
        }
        return n;
    }

    /** {@code pid} and its descendants (from each thread's {@code children}). */
    static Set<Integer> tree(int pid) {
        Set<Integer> all = new HashSet<>();
        Deque<Integer> todo = new ArrayDeque<>(List.of(pid));
        while (!todo.isEmpty()) {
            int p = todo.pop();
            if (!all.add(p)) {
                continue;
            }
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Integer.toString(p), "task"))) {
                for (Path t : tasks.toList()) {
                    for (String c : Files.readString(t.resolve("children")).trim().split("\\s+")) {
                        if (!c.isEmpty()) {
                            todo.push(Integer.parseInt(c));
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // gone meanwhile
            }
        }
        return all;
    }

    /** The inodes of the sockets among {@code pid}'s open fds. */
    static Set<Long> socketInodes(int pid) {
        Set<Long> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Integer.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                long inode = inode(fd);
                if (inode >= 0) {
                    inodes.add(inode);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone meanwhile
        }
        return inodes;
    }

    /** The socket inode an fd link ({@code /proc/PID/fd/N}) names, or -1. */
    static long inode(Path fdLink) {
        try {
            String target = Files.readSymbolicLink(fdLink).toString();
            if (target.startsWith("socket:[") && target.endsWith("]")) {
                return Long.parseLong(target.substring(8, target.length() - 1));
            }
        } catch (IOException | RuntimeException e) {
            // closed meanwhile
        }
        return -1;
    }
}
