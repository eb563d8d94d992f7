package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real supervisorctl following logs of {@code steward supervisord}: {@code tail -f} over TCP with
 * basic auth, and {@code maintail -f}.
 */
class FollowIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Path conf(int port, String password) throws Exception {
        String text = "[inet_http_server]\nport=127.0.0.1:" + port + "\nusername=admin\npassword=secret\n\n"
                + "[supervisord]\nlogfile=" + dir.resolve("sd.log") + "\npidfile=" + dir.resolve("sd.pid")
                + "\nchildlogdir=" + dir + "\n\n[rpcinterface:supervisor]\n"
                + "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n"
                + "[supervisorctl]\nserverurl=http://127.0.0.1:" + port + "\nusername=admin\npassword=" + password + "\n\n"
                + "[program:follow]\ncommand=/bin/sh -c 'echo first; while [ ! -e " + dir.resolve("go")
                + " ]; do sleep 0.05; done; echo second; exec sleep 1000'\nstartsecs=0\n\n"
                + "[program:other]\ncommand=sleep 1000\nstartsecs=0\n";
        return Files.writeString(dir.resolve(password + ".conf"), text);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void tailFollowOverTcpWithBasicAuthAndMaintailFollow() throws Exception {
        SupervisorctlDifferentialIT.require(Supervisorctl.SUPERVISORCTL);
        int port = freePort();
        Path c = conf(port, "secret");
        Supervisorctl ctl = new Supervisorctl(c, Files.createDirectories(dir.resolve("ctl")));
        Supervisorctl wrong = new Supervisorctl(conf(port, "wrong"), dir.resolve("ctl"));
        try (Steward daemon = Steward.start(Files.createDirectories(dir.resolve("daemon")), "supervisord", "-n", "-c",
                c.toString())) {
            await().atMost(WAIT).until(() -> ctl.run("status").out().contains("other                            RUNNING"));

            Transcript.Entry denied = wrong.run("tail -f follow"); // refused at the upcheck already
            assertTrue(denied.out().startsWith("Server requires authentication\n"), denied.out());
            assertEquals(1, denied.exit());

            try (Supervisorctl.Running tail = ctl.start("tail -f follow")) {
                await().atMost(WAIT).until(() -> tail.stdout().contains("first\n"));
                Files.writeString(dir.resolve("go"), "");
                await().atMost(WAIT).until(() -> tail.stdout().contains("second\n"));
                assertEquals("==> Press Ctrl-C to exit <==\nfirst\nsecond\n", tail.stop().out());
            }

            try (Supervisorctl.Running maintail = ctl.start("maintail -f")) {
                await().atMost(WAIT).until(() -> maintail.stdout().contains("spawned: 'other'"));
                assertEquals("other: stopped\n", ctl.run("stop other").out());
                await().atMost(WAIT).until(() -> maintail.stdout().contains("stopped: other (terminated by SIGTERM)"));
                assertTrue(maintail.stop().out().startsWith("==> Press Ctrl-C to exit <==\n"));
            }
            assertTrue(daemon.isAlive());
        }
    }
}
