package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23 item 5: the stacks' own chatter is not in their error logs. The python sample's uWSGI
 * writes its banner to its stdout log (uwsgi.log, as on dotCloud), so its {@code _error} log holds
 * only the three lines uWSGI prints before it applies {@code logto} (its ini file, its two held
 * sockets); the php sample's php-fpm logs no NOTICE.
 * Real servers through the agent; both answer 200 first.
 */
class StackChatterIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        for (String tool : List.of("nginx", "uwsgi", "php-fpm8.2", "composer")) {
            Apps.requireTool(tool);
        }
    }

    @Test
    void uwsgisBannerAndPhpFpmsNoticesAreNotInTheErrorLogs() throws Exception {
        // searchable by others, as /home is: as root, the stacks' workers run as www-data
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path uwsgiLogs = run("python-app");
        String banner = read(uwsgiLogs, "uwsgi", ".log");
        assertTrue(banner.contains("*** Starting uWSGI"), banner);
        // what uWSGI prints before it reads logto (its ini file, the held sockets it takes) joins its log
        assertTrue(banner.contains("[uWSGI] getting INI configuration from "), banner);
        assertFalse(banner.contains("running uWSGI as root"), banner);
        Path uwsgiErrorLog = uwsgiLogs.resolve("uwsgi_error.log");
        String uwsgiErrors = Files.isRegularFile(uwsgiErrorLog) ? Files.readString(uwsgiErrorLog) : "";
        assertEquals("", uwsgiErrors, "nothing of uWSGI's start shows as an error");

        Path fpmLogs = run("php-app");
        String fpmErrors = read(fpmLogs, "php-fpm", "_error.log");
        assertFalse(fpmErrors.contains("NOTICE"), fpmErrors);
    }

    /** Deploys the sample, runs the agent until it answers 200, stops it; returns the log directory. */
    private Path run(String sample) throws Exception {
        int port = Apps.freePort();
        Path home = dir.resolve("home-" + sample);
        Path socket = home.resolve("run/supervisor.sock");
        Path logs = home.resolve("log");
        Path tree = Apps.sample(sample, dir.resolve(sample), "  environment:", "    PORT_WWW: \"" + port + "\"");
        Steward.Result deploy = Apps.steward(dir, sample, "deploy", "--home", home.toString(), tree.toString());
        assertEquals(0, deploy.exitCode(), deploy.stdout() + deploy.stderr());
        try (Steward agent = Steward.start(Files.createDirectories(dir.resolve("out-run-" + sample)), "run", "--home",
                home.toString(), "--socket", socket.toString(), "--log-dir", logs.toString())) {
            await().atMost(WAIT).until(() -> Apps.get(port).startsWith("200"));
            agent.signal("TERM");
            assertEquals(0, agent.waitFor(60));
        }
        return logs;
    }

    /** The text of the app server's logs ({@code uwsgi.log}, {@code php-fpm.log}), "" when it has none. */
    private static String read(Path logs, String server, String suffix) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> s = Files.list(logs)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(server)
                    && p.getFileName().toString().endsWith(suffix)
                    && (suffix.equals("_error.log") || !p.getFileName().toString().endsWith("_error.log"))).toList()) {
                out.append(Files.readString(p));
            }
        }
        return out.toString();
    }
}
