package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code steward ctl} as users type it, against a running {@code steward supervisord}. */
class CtlCommandIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Path conf() throws Exception {
        Path sock = dir.resolve("s.sock");
        String text = "[unix_http_server]\nfile=" + sock + "\n\n[supervisord]\nlogfile=" + dir.resolve("sd.log")
                + "\npidfile=" + dir.resolve("sd.pid") + "\nchildlogdir=" + dir + "\n\n[supervisorctl]\nserverurl=unix://"
                + sock + "\n\n[program:ticker]\ncommand=/bin/sh -c 'while :; do echo tick; sleep 0.1; done'\nstartsecs=0\n";
        return Files.writeString(dir.resolve("supervisord.conf"), text);
    }

    private Path sub(String name) throws Exception {
        return Files.createDirectories(dir.resolve(name));
    }

    @Test
    void passesEverythingAfterCtlToTheClientAndFollowsATailUntilCtrlC() throws Exception {
        Path c = conf();
        try (Steward daemon = Steward.start(sub("daemon"), "supervisord", "-n", "-c", c.toString())) {
            await().atMost(WAIT).until(() -> Steward.run(sub("probe"), "ctl", "-c", c.toString(), "status").stdout()
                    .contains("RUNNING"));
            Steward.Result status = Steward.run(sub("status"), "ctl", "-c", c.toString(), "status", "ticker");
            assertEquals(0, status.exitCode(), status.stderr());
            assertTrue(status.stdout().matches("ticker {27}RUNNING   pid \\d+, uptime 0:00:\\d\\d\n"), status.stdout());

            Steward.Result missing = Steward.run(sub("missing"), "ctl", "-c", c.toString(), "stop", "nosuch");
            assertEquals("nosuch: ERROR (no such process)\n", missing.stdout());
            assertEquals(1, missing.exitCode());

            try (Steward tail = Steward.start(sub("tail"), "ctl", "-s", "unix://" + dir.resolve("s.sock"), "tail", "-f",
                    "ticker")) {
                await().atMost(WAIT).until(() -> tail.stdout().contains("tick\ntick\n"));
                tail.signal("INT");
                assertEquals(0, tail.waitFor(20));
                String out = tail.stdout();
                assertTrue(out.startsWith("==> Press Ctrl-C to exit <==\n"), out);
                assertTrue(out.endsWith("\n\n"), "an empty line after Ctrl-C, as supervisorctl prints");
            }
            assertTrue(daemon.isAlive());
        }
    }
}
