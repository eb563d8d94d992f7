package steward.agent.it;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Helpers for end-to-end tests of pushed apps: tools, sample copies, free ports, HTTP, commands. */
final class Apps {
    static final Path SAMPLES = Steward.ROOT.resolve("samples");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private Apps() {
    }

    /** Skips the test when {@code tool} is missing, except on CI, where it fails. */
    static void requireTool(String tool) {
        require(Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool))), tool);
    }

    /** Skips the test when {@code what} is not {@code present}, except on CI, where it fails. */
    static void require(boolean present, String what) {
        if (!present && "true".equals(System.getenv("CI"))) {
            fail(what + " is required on CI");
        }
        assumeTrue(present, what + " is not installed");
    }

    /** {@link #requireTool} for each. */
    static void requireTools(String... tools) {
        for (String t : tools) {
            requireTool(t);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Copies samples/NAME to {@code into}, adding {@code extra} lines to the service in dotcloud.yml. */
    static Path sample(String name, Path into, String... extra) throws IOException {
        copyTree(SAMPLES.resolve(name), into);
        if (extra.length > 0) {
            Files.writeString(into.resolve("dotcloud.yml"), String.join("\n", extra) + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
        }
        return into;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (p.getFileName().toString().equals("node_modules")) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** GET http://127.0.0.1:port/ → "STATUS BODY", or "DOWN" when nothing answers. */
    static String get(int port) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (IOException e) {
            return "DOWN";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "DOWN";
        }
    }

    static HttpResponse<String> request(String method, int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Runs a command to completion; returns its exit code and merged output. */
    static Steward.Result exec(Path cwd, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + List.of(cmd));
        }
        return new Steward.Result(p.exitValue(), out, "");
    }

    /** Runs bin/steward ARGS in its own output directory under {@code dir}; returns code and output. */
    static Steward.Result steward(Path dir, String name, String... args) throws Exception {
        Path d = Files.createDirectories(dir.resolve("out-" + name));
        try (Steward s = Steward.start(d, args)) {
            int code = s.waitFor(120);
            return new Steward.Result(code, s.stdout(), s.stderr());
        }
    }

    /** A local npm package tarball (what `npm pack` makes), so npm needs no registry. */
    static Path localTarball(Path dir) throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("tinydep"));
        Files.writeString(pkg.resolve("package.json"), "{\"name\":\"tinydep\",\"version\":\"1.0.0\",\"main\":\"index.js\"}\n");
        Files.writeString(pkg.resolve("index.js"), "module.exports = 'tiny';\n");
        Steward.Result r = exec(dir, "npm", "pack", "--silent", pkg.toString());
        if (r.exitCode() != 0) {
            throw new IllegalStateException("npm pack failed: " + r.stdout());
        }
        return dir.resolve("tinydep-1.0.0.tgz");
    }

    /** Pids of zombie processes whose parent is {@code parent}. */
    static List<Long> zombieChildren(long parent) throws IOException {
        List<Long> out = new ArrayList<>();
        try (var entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : entries) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 3);
                    if (rest[0].equals("Z") && Long.parseLong(rest[1]) == parent) {
                        out.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException ignored) {
                    // gone
                }
            }
        }
        return out;
    }

    static long parentOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ", 3)[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {@code steward ctl -c CONF ARGS...}, its output kept under {@code out}. */
    static Steward.Result ctl(Path out, Path conf, String... args) throws Exception {
        String[] all = new String[args.length + 3];
        all[0] = "ctl";
        all[1] = "-c";
        all[2] = conf.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return Steward.run(java.nio.file.Files.createDirectories(out), all);
    }

    /** What a child serving a unix socket (an fcgi-program) writes to a new connection before it closes. */
    static String answerUnix(Path path) throws Exception {
        try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            ch.connect(java.net.UnixDomainSocketAddress.of(path));
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(200);
            while (ch.read(b) > 0) {
                // until the child closes
            }
            return new String(b.array(), 0, b.position(), java.nio.charset.StandardCharsets.UTF_8).strip();
        }
    }
}
