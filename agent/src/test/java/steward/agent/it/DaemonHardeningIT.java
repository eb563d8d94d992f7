package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15: the daemon started the way an unlucky operator starts it (defects 4 and 12). */
class DaemonHardeningIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Path conf(String extra) throws Exception {
        return Files.writeString(dir.resolve("supervisord.conf"), "[supervisord]\nlogfile=" + dir.resolve("supervisord.log")
                + "\npidfile=" + dir.resolve("sd.pid") + "\nchildlogdir=" + dir + "\n\n" + extra);
    }

    /** {@code sh -c "trap '' TERM INT; exec bin/steward supervisord -n -c CONF"}: the daemon starts with both ignored. */
    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void stopsOnSignalsThatWereIgnoredWhenItStarted(String signal) throws Exception {
        String m = "41" + System.nanoTime() % 100000;
        Path c = conf("[program:one]\ncommand=sleep 4" + m + "\nstartsecs=0\n");
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "trap '' TERM INT; exec \"$0\" supervisord -n -c \"$1\"",
                Steward.BIN.toString(), c.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out").toFile()).redirectInput(new File("/dev/null"));
        pb.environment().put("STEWARD_NO_BUILD", "1");
        Process p = pb.start();
        try {
            await().atMost(WAIT).until(() -> Procs.withMarker(m).size() == 1);
            assertTrue(Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).contains("steward.agent.Main"),
                    "the shell exec'd the JVM, which inherited the ignored dispositions");
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the daemon stopped on SIG" + signal);
            assertEquals(0, p.exitValue());
            assertEquals(List.of(), Procs.withMarker(m));
            assertTrue(Files.readString(dir.resolve("supervisord.log")).contains("received SIG" + signal
                    + " indicating exit request"));
        } finally {
            p.destroyForcibly();
        }
    }

    /** supervisord's words and exit code for a busy [inet_http_server] port, in the foreground and backgrounded. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aBusyInetPortIsSupervisordsErrorAndExitTwo(boolean foreground) throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            String m = "42" + System.nanoTime() % 100000;
            Path c = conf("[inet_http_server]\nport=127.0.0.1:" + busy.getLocalPort() + "\n\n[program:one]\ncommand=sleep 4"
                    + m + "\nstartsecs=0\n");
            Steward.Result r = foreground ? Steward.run(dir, "supervisord", "-n", "-c", c.toString())
                    : Steward.run(dir, "supervisord", "-c", c.toString());
            assertEquals(2, r.exitCode(), r.stderr());
            assertEquals("Error: Another program is already listening on a port that one of our HTTP servers is configured"
                    + " to use.  Shut this program down first before starting supervisord.\n"
                    + "For help, use steward supervisord -h\n", r.stderr());
            assertEquals(List.of(), Procs.withMarker(m));
            assertFalse(Files.exists(dir.resolve("sd.pid")));
        }
    }
}
