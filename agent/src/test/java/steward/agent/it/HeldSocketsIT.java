package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sockets=} in a plain supervisord.conf with Debian's real gunicorn (systemd's LISTEN_FDS):
 * under a constant load of requests, each on a new connection, {@code supervisorctl restart}s (the
 * real one) lose none; the same program binding its port itself loses requests at every restart,
 * which shows the load would see a gap.
 */
class HeldSocketsIT {
    private static final String GUNICORN = "/usr/bin/gunicorn";
    private static final String APP = String.join("\n",
            "import os",
            "def app(environ, start_response):",
            "    body = b'%d\\n' % os.getpid()",
            "    start_response('200 OK', [('Content-Type', 'text/plain'), ('Content-Length', str(len(body)))])",
            "    return [body]",
            "");

    @TempDir
    Path dir;

    /** Requests on new connections, about 200 a second, counted until stopped. */
    private static final class Load implements AutoCloseable {
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final Set<String> answeredBy = ConcurrentHashMap.newKeySet();
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread thread;

        Load(int port) {
            thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        answeredBy.add(request(port));
                        ok.incrementAndGet();
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    }
                    LockSupport.parkNanos(5_000_000); // pacing, not waiting for anything
                }
            }, "load");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
        }
    }

    /** One GET on a new connection; the worker pid that answered. */
    static String request(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.0\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            if (!reply.startsWith("HTTP/1.1 200") && !reply.startsWith("HTTP/1.0 200")) {
                throw new IOException("bad reply: " + reply);
            }
            return reply.substring(reply.indexOf("\r\n\r\n") + 4).strip();
        }
    }

    private record Outcome(int ok, int failed, int answeredBy) {
    }

    /** Runs gunicorn under {@code steward supervisord}, restarts it {@code restarts} times under load. */
    private Outcome restartsUnderLoad(boolean held, int restarts) throws Exception {
        Files.writeString(dir.resolve("app.py"), APP);
        int port = Apps.freePort();
        String program = "[program:web]\ncommand=" + GUNICORN + " --chdir " + dir + " --workers 1 "
                + (held ? "" : "--bind 127.0.0.1:" + port + " ") + "app:app\n"
                + (held ? "sockets=tcp://127.0.0.1:" + port + "\n" : "") + "stopwaitsecs=20\nstartsecs=0\n";
        Path conf = Files.writeString(dir.resolve("supervisord.conf"), "[supervisord]\nlogfile="
                + dir.resolve("supervisord.log") + "\npidfile=" + dir.resolve("sd.pid") + "\nchildlogdir=" + dir
                + "\n[unix_http_server]\nfile=" + dir.resolve("s.sock") + "\n[supervisorctl]\nserverurl=unix://"
                + dir.resolve("s.sock") + "\n[rpcinterface:supervisor]\n"
                + "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n" + program);
        Supervisorctl ctl = new Supervisorctl(conf, Files.createDirectories(dir.resolve("ctl")));
        try (Steward s = Steward.start(dir, "supervisord", "-n", "-c", conf.toString())) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> !request(port).isEmpty());
            try (Load load = new Load(port)) {
                for (int i = 0; i < restarts; i++) {
                    Transcript.Entry e = ctl.run("restart web");
                    assertEquals("web: stopped\nweb: started\n", e.out(), e.toString());
                    int before = load.ok.get() + load.failed.get();
                    // a couple of requests against each new gunicorn before the next restart
                    await().atMost(Duration.ofSeconds(20)).until(() -> load.ok.get() + load.failed.get() > before + 2);
                }
                load.close();
                s.signal("TERM");
                assertEquals(0, s.waitFor(60));
                return new Outcome(load.ok.get(), load.failed.get(), load.answeredBy.size());
            }
        }
    }

    @Test
    void restartsOfAGunicornOnAHeldSocketLoseNoRequest() throws Exception {
        Apps.requireTool("gunicorn");
        Outcome o = restartsUnderLoad(true, 10);
        assertEquals(0, o.failed(), o.toString());
        assertTrue(o.answeredBy() > 10, "every restart brought new workers: " + o);
        assertTrue(Files.readString(dir.resolve("supervisord.log")).contains("holding socket tcp://127.0.0.1:"));
    }

    @Test
    void withoutTheKeyTheSameRestartsLoseRequests() throws Exception {
        Apps.requireTool("gunicorn");
        Outcome o = restartsUnderLoad(false, 3);
        assertTrue(o.failed() > 0, "the restart gap refuses connections: " + o);
    }
}
