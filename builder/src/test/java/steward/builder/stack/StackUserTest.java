package steward.builder.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.builder.BuildRequest;
import steward.builder.BuildResult;
import steward.builder.Builder;
import steward.builder.base.BuildListener;
import steward.builder.base.BuilderConfig;
import steward.builder.program.StackLayout;
import steward.builder.program.StackUser;
import steward.builder.release.Release;

/** Issue 24 item 9: with the agent as root, the stacks' workers run as an unprivileged user, not root. */
class StackUserTest {
    @TempDir
    Path tmp;
    Path home;
    Builder builder;
    int port;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "the worker user is chosen when the agent is root");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        home = tmp.resolve("home");
        builder = new Builder(BuilderConfig.defaults(home).withLogDir(tmp.resolve("log")), BuildListener.NONE);
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
    }

    private Release build(String type, String file, String text) throws Exception {
        Path app = Files.createDirectories(tmp.resolve("tree/www"));
        Files.writeString(tmp.resolve("tree/dotcloud.yml"), "www:\n  type: " + type + "\n  approot: www\n  environment:\n"
                + "    PORT_WWW: \"" + port + "\"\n");
        Files.writeString(app.resolve(file), text);
        BuildResult r = builder.build(BuildRequest.of(tmp.resolve("tree")));
        assertTrue(r instanceof BuildResult.Built, r.toString());
        return ((BuildResult.Built) r).release();
    }

    @Test
    void nginxWorkersRunAsWwwDataAndCannotReadWhatRootCould() throws Exception {
        Tools.require("nginx");
        StackUser user = StackUser.choose(home);
        assertEquals(new StackUser("www-data", "www-data"), user);
        Release r = build("static", "index.html", "hi");
        builder.switchTo(r);
        Path conf = StackLayout.frontDir(home).resolve(NginxConf.FILE);
        assertTrue(Files.readString(conf).contains("\nuser www-data www-data;\n"), Files.readString(conf));
        // a link the app makes at run time (the builder drops pushed ones that leave the tree)
        Files.createSymbolicLink(home.resolve("current/shadow"), Path.of("/etc/shadow"));

        Process nginx = new ProcessBuilder(StackCheck.binary("nginx"), "-e", "stderr", "-p", StackLayout.frontDir(home) + "/",
                "-c", conf.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("nginx.out").toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> index = await(http, "/index.html");
            assertEquals(200, index.statusCode());
            assertEquals("hi", index.body());
            assertEquals(403, get(http, "/shadow").statusCode(), "root's nginx served /etc/shadow");
            List<Long> workers = nginx.children().map(ProcessHandle::pid).toList();
            assertEquals(1, workers.size());
            String status = Files.readString(Path.of("/proc", workers.get(0).toString(), "status"));
            assertTrue(status.contains("\nUid:\t33\t33\t33\t33\n"), status);
        } finally {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void appServersDropToTheSameUserAndTheirConfigurationsPassTheirCheckers() throws Exception {
        Tools.require("nginx");
        Tools.require(PhpFpmStack.fpmBinary());
        Release r = build("php", "index.php", "<?php echo 1;\n");
        Path stack = home.resolve(".steward/releases").resolve(r.id()).resolve("stack");
        String fpm = Files.readString(stack.resolve(PhpFpmStack.FILE));
        assertTrue(fpm.contains("user = www-data\ngroup = www-data\n"), fpm); // the socket itself is the agent's (FPM_SOCKETS)
        assertEquals("www-data", Files.getOwner(stack).getName(), "the app server's socket directory");
        assertEquals(List.of(), builder.view(r).stackProblems());
        String programs = builder.view(r).programsConf();
        assertTrue(!programs.contains("--allow-to-run-as-root"), programs);

        Files.delete(tmp.resolve("tree/www/index.php"));
        Release py = build("python", "wsgi.py", "def application(e, s):\n    s('200 OK', [])\n    return [b'x']\n");
        String ini = Files.readString(home.resolve(".steward/releases").resolve(py.id()).resolve("stack/uwsgi.ini"));
        assertTrue(ini.contains("uid = www-data\ngid = www-data\nchown-socket = www-data:www-data\n"), ini);
    }

    @Test
    void aHomeTheUserCannotEnterKeepsRootAndSaysWhy() throws Exception {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx------"));
        StackUser user = StackUser.choose(home);
        assertEquals(tmp, user.blocked(home).orElseThrow());
        BuildResult b = builder.build(BuildRequest.of(write()));
        assertTrue(b instanceof BuildResult.Built built && built.warnings().stream()
                .anyMatch(w -> w.startsWith("the stack's workers run as root: www-data cannot enter " + tmp)), b.toString());
    }

    private Path write() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("tree/www"));
        Files.writeString(tmp.resolve("tree/dotcloud.yml"), "www:\n  type: static\n  approot: www\n");
        Files.writeString(app.resolve("index.html"), "hi");
        return tmp.resolve("tree");
    }

    private HttpResponse<String> await(HttpClient http, String path) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            try {
                return get(http, path);
            } catch (java.io.IOException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }

    private HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
