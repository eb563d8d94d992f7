package steward.agent.up;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who listens on a TCP port: the socket inodes in LISTEN state from {@code /proc/net/tcp} and
 * {@code tcp6}, then the process holding one of them among {@code /proc/PID/fd} (visible for this
 * user's processes, or all of them as root).
 */
public final class PortHolder {
    private static final String LISTEN = "0A";

    /** A listener on the port: its pid and command line when visible (pid 0: not visible to this user). */
    public record Holder(int port, long pid, String command) {
        public String describe() {
            return pid > 0 ? "pid " + pid + " (" + command + ")" : "a process this user cannot see";
        }
    }

    private final Path proc;

    public PortHolder(Path proc) {
        this.proc = proc;
    }

    public static PortHolder system() {
        return new PortHolder(Path.of("/proc"));
    }

    /** The holder when something listens on the port (or binding it fails), else empty. */
    public Optional<Holder> find(int port) {
        Set<String> inodes = listeningInodes(port);
        if (inodes.isEmpty()) {
            return bindable(port) ? Optional.empty() : Optional.of(new Holder(port, 0, ""));
        }
        return Optional.of(owner(inodes).map(pid -> new Holder(port, pid, command(pid)))
                .orElse(new Holder(port, 0, "")));
    }

    /** True when {@code pid} is {@code ancestor} or one of its descendants. */
    public boolean descends(long pid, long ancestor) {
        long p = pid;
        for (int hops = 0; p > 1 && hops < 64; hops++) {
            if (p == ancestor) {
                return true;
            }
            p = parent(p);
        }
        return p == ancestor;
    }

    private long parent(long pid) {
        try {
            String stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[1]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private Set<String> listeningInodes(int port) {
        Set<String> inodes = new HashSet<>();
        String hexPort = String.format(":%04X", port);
        for (String table : List.of("tcp", "tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(proc.resolve("net").resolve(table), StandardCharsets.UTF_8);
            } catch (IOException e) {
                continue;
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals(LISTEN)) {
                    inodes.add(f[9]);
                }
            }
        }
        return inodes;
    }

    private Optional<Long> owner(Set<String> inodes) {
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path p : pids) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(p.resolve("fd"))) {
                    for (Path fd : fds) {
                        String link = readLink(fd);
                        if (link.startsWith("socket:[") && inodes.contains(link.substring(8, link.length() - 1))) {
                            return Optional.of(Long.parseLong(p.getFileName().toString()));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // another user's process, or it ended meanwhile
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String readLink(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    private String command(long pid) {
        try {
            byte[] b = Files.readAllBytes(proc.resolve(Long.toString(pid)).resolve("cmdline"));
            String c = new String(b, StandardCharsets.UTF_8).replace('\0', ' ').trim();
            return c.length() > 120 ? c.substring(0, 117) + "..." : c;
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
