package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.agent.metrics.Promtool;

/**
 * Steward's container keys and pages under {@code steward supervisord}, with real processes:
 * environment_file read at each start (environment= wins, a missing file is a spawn error naming
 * it), and /metrics on the control socket behind its basic auth, valid for promtool.
 */
class ContainerKeysIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private int inetPort;

    private Path conf(String programs) throws Exception {
        Path sock = dir.resolve("s.sock");
        inetPort = Apps.freePort();
        String text = "[supervisord]\nlogfile=" + dir.resolve("supervisord.log") + "\npidfile=" + dir.resolve("sd.pid")
                + "\nchildlogdir=" + dir + "\n\n[unix_http_server]\nfile=" + sock + "\nusername=u\npassword=p\n\n"
                + "[inet_http_server]\nport=127.0.0.1:" + inetPort + "\nusername=u\npassword=p\n\n"
                + "[supervisorctl]\nserverurl=unix://" + sock + "\nusername=u\npassword=p\n\n" + programs;
        return Files.writeString(dir.resolve("supervisord.conf"), text);
    }

    @Test
    void environmentFilesAreReadAtEachStartAndMetricsAreServedBehindAuth() throws Exception {
        String m = "7" + System.nanoTime() % 100000;
        Files.writeString(dir.resolve("a.env"), "# shared\nexport FROM_FILE=one\nBOTH=file\nQUOTED=\"x y\"\n");
        Files.writeString(dir.resolve("b.env"), "LATER='wins' # b\n");
        Path c = conf("[program:envy]\ncommand=/bin/sh -c 'echo \"file=$FROM_FILE both=$BOTH q=$QUOTED later=$LATER\"; "
                + "exec sleep 30" + m + "'\nenvironment_file=a.env, b.env\nenvironment=BOTH=\"conf\"\nstartsecs=0\n"
                + "stdout_logfile=" + dir.resolve("envy.out") + "\n\n"
                + "[program:lost]\ncommand=/bin/sleep 31" + m + "\nenvironment_file=%(here)s/missing.env\n"
                + "startretries=0\n");
        Path envyOut = dir.resolve("envy.out");
        try (Steward s = Steward.start(dir, "supervisord", "-n", "-c", c.toString())) {
            await().atMost(WAIT).until(() -> Files.exists(envyOut)
                    && Files.readString(envyOut).contains("file=one both=conf q=x y later=wins\n"));
            await().atMost(WAIT).until(() -> Apps.ctl(dir.resolve("ctl-lost"), c, "status", "lost").stdout().contains("FATAL"));
            String status = Apps.ctl(dir.resolve("ctl-lost2"), c, "status", "lost").stdout();
            assertTrue(status.contains("environment_file " + dir.resolve("missing.env") + ": no such file"), status);
            assertEquals(0, Procs.withMarker("31" + m).size(), "nothing ran without its environment file");

            // read again at the next start
            Files.writeString(dir.resolve("a.env"), "FROM_FILE=two\n");
            assertEquals(0, Apps.ctl(dir.resolve("ctl-restart"), c, "restart", "envy").exitCode());
            await().atMost(WAIT).until(() -> Files.readString(envyOut).contains("file=two both=conf q= later=wins\n"));

            Path sock = dir.resolve("s.sock");
            assertEquals(401, UnixHttp.get(sock, "/metrics", null, null).status());
            assertEquals(401, UnixHttp.get(sock, "/metrics", "u", "wrong").status());
            await().atMost(WAIT).until(() -> UnixHttp.get(sock, "/metrics", "u", "p").body()
                    .contains("steward_process_state{name=\"envy\",group=\"envy\",state=\"RUNNING\"} 1\n"));
            UnixHttp.Response r = UnixHttp.get(sock, "/metrics", "u", "p");
            assertEquals(200, r.status());
            assertTrue(r.head().contains("Content-Type: text/plain; version=0.0.4; charset=utf-8"), r.head());
            String body = r.body();
            assertTrue(body.contains("steward_process_restarts_total{name=\"envy\",group=\"envy\"} 1\n"), body);
            assertTrue(body.contains("steward_process_state{name=\"lost\",group=\"lost\",state=\"FATAL\"} 1\n"), body);
            assertTrue(body.contains("steward_process_ready{name=\"envy\",group=\"envy\"} 1\n"), body);
            assertTrue(body.contains("steward_process_ready{name=\"lost\",group=\"lost\"} 0\n"), body);
            assertTrue(body.matches("(?s).*steward_process_resident_memory_bytes\\{name=\"envy\",group=\"envy\"} [1-9]\\d+\n.*"),
                    body);
            assertTrue(body.matches("(?s).*\nprocess_threads [1-9]\\d*\n.*"), body);
            assertTrue(body.matches("(?s).*\nprocess_resident_memory_bytes [1-9]\\d{6,}\n.*"), body);
            assertEquals("", Promtool.check(body));

            // the same page on [inet_http_server], behind its auth
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + inetPort + "/metrics");
            assertEquals(401, http.send(java.net.http.HttpRequest.newBuilder(uri).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
            var inet = http.send(java.net.http.HttpRequest.newBuilder(uri).header("Authorization", "Basic "
                    + java.util.Base64.getEncoder().encodeToString("u:p".getBytes())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, inet.statusCode());
            assertTrue(inet.body().contains("steward_process_state{name=\"envy\",group=\"envy\",state=\"RUNNING\"} 1\n"),
                    inet.body());
            s.signal("TERM");
            assertEquals(0, s.waitFor(30));
        }
        String log = Files.readString(dir.resolve("supervisord.log"));
        assertTrue(log.contains("spawnerr: environment_file " + dir.resolve("missing.env") + ": no such file"), log);
    }

    /**
     * Issue 24 items 3 and 4: an environment_file that is a FIFO nobody writes to, or /dev/zero,
     * is that program's spawn error naming the file; the daemon keeps answering and the programs
     * after them still autostart (the FIFO used to freeze the loop, /dev/zero to throw
     * OutOfMemoryError out of the autostart loop).
     */
    @Test
    void aFifoOrEndlessEnvironmentFileFailsOnlyItsProgram() throws Exception {
        String m = "7" + System.nanoTime() % 100000;
        Path fifo = dir.resolve("fifo.env");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Path c = conf("[program:afifo]\ncommand=/bin/sleep 32" + m + "\nenvironment_file=" + fifo
                + "\nstartretries=0\npriority=1\n\n"
                + "[program:bzero]\ncommand=/bin/sleep 33" + m + "\nenvironment_file=/dev/zero\nstartretries=0\npriority=2\n\n"
                + "[program:later]\ncommand=/bin/sleep 34" + m + "\nstartsecs=0\npriority=3\n");
        try (Steward s = Steward.start(dir, "supervisord", "-n", "-c", c.toString())) {
            await().atMost(WAIT).until(() -> Procs.withMarker("34" + m).size() == 1);
            await().atMost(WAIT).until(() -> Apps.ctl(dir.resolve("ctl-bad"), c, "status").stdout()
                    .matches("(?s)afifo +FATAL.*bzero +FATAL.*later +RUNNING.*"));
            String status = Apps.ctl(dir.resolve("ctl-bad2"), c, "status").stdout();
            assertTrue(status.contains("environment_file " + fifo + ": not a regular file (a FIFO, socket or device)"), status);
            assertTrue(status.contains("environment_file /dev/zero: not a regular file (a FIFO, socket or device)"), status);
            s.signal("TERM");
            assertEquals(0, s.waitFor(30));
        }
    }
}
