package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sockets=} with Debian's real nginx (inheriting the held socket through its own {@code NGINX}
 * variable) under a strict keep-alive load: 16 connections each sending GET after GET. nginx closes
 * its idle keep-alive connections at once on its stop signal (QUIT), so a restart that sends it at
 * once cuts requests a client has just sent; with the held socket's generations, the old nginx keeps
 * its connections (each ends cleanly after {@code keepalive_requests} with {@code Connection: close}
 * and the client reconnects to the new nginx) and gets QUIT only once it holds none: 10
 * {@code supervisorctl restart}s lose no request.
 */
class KeepAliveRestartIT {
    private static final String NGINX = "/usr/sbin/nginx";

    @TempDir
    Path dir;

    private String nginxConf(int port) throws Exception {
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "hello\n");
        return String.join("\n",
                "daemon off;",
                "user root;", // where the daemon runs as root, a worker can read the test's directory
                Ingress.mainContext(dir.resolve("nginx.pid"), dir.resolve("nginx-error.log")),
                "http {",
                "  access_log off;",
                "  keepalive_requests 200;",
                "  server {",
                "    listen 127.0.0.1:" + port + ";",
                "    root " + www + ";",
                "    add_header X-Pid $pid always;",
                "  }",
                "}",
                "");
    }

    @Test
    void restartsOfAnNginxOnAHeldSocketCloseNoKeepAliveConnection() throws Exception {
        Apps.requireTool("nginx");
        int port = Apps.freePort();
        Path nginxConf = Files.writeString(dir.resolve("nginx.conf"), nginxConf(port));
        String program = "[program:nginx]\ncommand=" + NGINX + " -p " + dir + " -c " + nginxConf + " -e "
                + dir.resolve("nginx-error.log") + "\nsockets=www=tcp://127.0.0.1:" + port
                + "\nenvironment=NGINX=\"3;\"\nstopsignal=QUIT\nstopwaitsecs=10\ndrainsecs=20\n";
        Path conf = Files.writeString(dir.resolve("supervisord.conf"), Supervisorctl.confHead(dir) + program);
        Supervisorctl ctl = new Supervisorctl(conf, Files.createDirectories(dir.resolve("ctl")));
        try (Steward s = Steward.start(dir, "supervisord", "-n", "-c", conf.toString())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> Apps.get(port).startsWith("200"));
            int failed;
            try (KeepAliveLoad load = new KeepAliveLoad(port, 16)) {
                await().atMost(Duration.ofSeconds(20)).until(load::toString, state -> load.ok.get() > 1000);
                for (int i = 0; i < 10; i++) {
                    Set<String> before = new HashSet<>(load.answeredBy);
                    Transcript.Entry e = ctl.run("restart nginx");
                    assertEquals("nginx: stopped\nnginx: started\n", e.out(), e.toString());
                    // the new nginx answers once connections roll over to it
                    await().atMost(Duration.ofSeconds(30))
                            .until(load::toString, state -> !before.containsAll(load.answeredBy));
                }
                load.close();
                failed = load.failed.get();
                assertEquals(0, failed, load.toString());
                assertTrue(load.answeredBy.size() >= 11, "every nginx answered: " + load);
            }
            String log = Files.readString(dir.resolve("sd.log"));
            assertTrue(log.contains("its stop signal waits until they end"), log);
            assertTrue(log.contains("sent SIGQUIT: its connections ended"), log);
            s.signal("TERM");
            assertEquals(0, s.waitFor(60));
        }
    }
}
