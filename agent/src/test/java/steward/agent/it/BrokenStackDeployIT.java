package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 24 item 1: a push whose approot nginx.conf nginx refuses is refused before anything
 * serving is touched (php, the handover path; static, the overlap path): the deploy fails naming the
 * user's file and line, the old release answers throughout, nginx keeps its pid.
 */
class BrokenStackDeployIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        Apps.requireTool("nginx");
        Apps.requireTool("php-fpm8.2");
    }

    @Test
    void aBrokenApprootNginxConfIsRefusedWhileTheOldReleaseServes() throws Exception {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        int port = Apps.freePort();
        Path home = dir.resolve("home");
        Path socket = home.resolve("run/supervisor.sock");
        for (String sample : new String[] {"php-app", "static-site"}) {
            Path tree = Apps.sample(sample, dir.resolve(sample), "  environment:", "    PORT_WWW: \"" + port + "\"");
            Steward.Result first = Apps.steward(dir, sample + "-1", "deploy", "--home", home.toString(), tree.toString());
            assertEquals(0, first.exitCode(), first.stdout() + first.stderr());
            try (Steward agent = Steward.start(Files.createDirectories(dir.resolve("out-" + sample)), "run", "--home",
                    home.toString(), "--socket", socket.toString(), "--log-dir", home.resolve("log").toString())) {
                await().atMost(WAIT).until(() -> Apps.get(port).startsWith("200"));
                String before = Apps.get(port).lines().findFirst().orElse("");
                long nginx = pid(socket);
                String approot = sample.equals("php-app") ? "www" : "site";
                Files.writeString(tree.resolve(approot).resolve("nginx.conf"), "location /x {\n    unknown_directive on;\n}\n");
                Steward.Result broken;
                try (HttpWatch watch = new HttpWatch(port)) {
                    broken = Apps.steward(dir, sample + "-2", "deploy", "--home", home.toString(), tree.toString());
                    await().atMost(WAIT).until(() -> watch.seen().size() > 3);
                    assertTrue(watch.seen().stream().allMatch(s -> s.equals(before)), watch.seen().toString());
                }
                assertEquals(1, broken.exitCode(), broken.stdout() + broken.stderr());
                String out = broken.stdout() + broken.stderr();
                assertTrue(out.contains(approot + "/nginx.conf:2"), out);
                assertTrue(out.contains("unknown directive"), out);
                assertFalse(out.contains("Successfully installed"), out);
                assertEquals(nginx, pid(socket), "nginx was not touched");
                assertEquals(before, Apps.get(port).lines().findFirst().orElse(""));
                agent.signal("TERM");
                assertEquals(0, agent.waitFor(30));
            }
        }
    }

    private static long pid(Path socket) throws Exception {
        Steward.Result r = Apps.exec(socket.getParent(), "supervisorctl", "-s", "unix://" + socket, "pid", "nginx");
        return Long.parseLong(r.stdout().trim());
    }
}
