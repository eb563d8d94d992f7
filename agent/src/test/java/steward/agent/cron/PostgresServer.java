package steward.agent.cron;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server from Debian's {@code postgresql} package, in a temp directory, on a
 * free port, with trust authentication. {@code initdb} refuses root, so as root the server runs as
 * the {@code postgres} user (via {@code runuser}).
 */
public final class PostgresServer implements AutoCloseable {
    private final Path bin;
    private final Path root;
    private final int port;
    private final boolean asPostgres;

    private PostgresServer(Path bin, Path root, int port, boolean asPostgres) {
        this.bin = bin;
        this.root = root;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** The newest {@code /usr/lib/postgresql/N/bin} that has initdb. */
    public static Optional<Path> binaries() {
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> versionOf(b)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public static PostgresServer start(Path bin) throws Exception {
        Path root = Files.createTempDirectory("steward-pg");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        boolean asPostgres = "root".equals(System.getProperty("user.name"));
        PostgresServer pg = new PostgresServer(bin, root, port, asPostgres);
        Files.createDirectories(root.resolve("data"));
        if (asPostgres) {
            pg.exec(List.of("chown", "-R", "postgres:postgres", root.toString()), false);
        }
        pg.exec(List.of(bin.resolve("initdb").toString(), "-D", root.resolve("data").toString(), "-A", "trust",
                "-U", "steward", "-E", "UTF8", "--no-sync"), true);
        pg.exec(List.of(bin.resolve("pg_ctl").toString(), "-D", root.resolve("data").toString(), "-l",
                root.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
                "start"), true);
        return pg;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=steward";
    }

    private void exec(List<String> cmd, boolean asServerUser) throws Exception {
        List<String> full = new ArrayList<>();
        if (asServerUser && asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(cmd);
        Path out = Files.createTempFile("pg-exec", ".log");
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", full) + " failed:\n" + Files.readString(out));
        }
        Files.deleteIfExists(out);
    }

    @Override
    public void close() throws Exception {
        exec(List.of(bin.resolve("pg_ctl").toString(), "-D", root.resolve("data").toString(), "-m", "immediate",
                "-w", "stop"), true);
        exec(List.of("rm", "-rf", root.toString()), false);
    }
}
