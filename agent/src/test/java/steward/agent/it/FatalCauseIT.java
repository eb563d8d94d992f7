package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 23 item 2: a deploy whose program goes FATAL says why in the program's own words, its last
 * stderr lines, not only "exited too quickly (FATAL)"; the old release is put back.
 */
class FatalCauseIT {
    @TempDir
    Path dir;

    @Test
    void aFatalProgramsLastStderrLinesArePrinted() throws Exception {
        Path home = dir.resolve("home");
        Path socket = home.resolve("run/supervisor.sock");
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("dotcloud.yml"), "worker:\n  type: ruby-worker\n  approot: .\n  process: sleep 1000\n");
        Steward.Result first = Apps.steward(dir, "first", "deploy", "--home", home.toString(), tree.toString());
        assertEquals(0, first.exitCode(), first.stdout() + first.stderr());
        try (Steward agent = Steward.start(Files.createDirectories(dir.resolve("out-run")), "run", "--home", home.toString(),
                "--socket", socket.toString(), "--log-dir", home.resolve("log").toString())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(socket) && Apps.exec(dir, "supervisorctl", "-s",
                    "unix://" + socket, "status").stdout().contains("RUNNING"));
            Files.writeString(tree.resolve("fail.sh"), "echo booting\necho 'Error: Cannot find module express' >&2\nexit 1\n");
            Files.writeString(tree.resolve("dotcloud.yml"), "worker:\n  type: ruby-worker\n  approot: .\n  process: sh fail.sh\n");
            Steward.Result broken = Apps.steward(dir, "broken", "deploy", "--home", home.toString(), tree.toString());
            String out = broken.stdout() + broken.stderr();
            assertEquals(1, broken.exitCode(), out);
            assertTrue(out.contains("did not become responsive: program worker exited too quickly (FATAL)\n"), out);
            assertTrue(out.contains("  the last lines of " + home.resolve("log/worker_error.log") + ":\n"
                    + "    Error: Cannot find module express\n"), out);
            assertTrue(out.contains("Put back build revision"), out);
            agent.signal("TERM");
            assertEquals(0, agent.waitFor(30));
        }
    }
}
