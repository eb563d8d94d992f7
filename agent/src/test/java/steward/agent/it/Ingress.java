package steward.agent.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real Debian nginx as a cluster's ingress, made as strict as kube-proxy: one upstream of
 * backends, no retry on another backend and no backend set aside after a failure
 * ({@code max_fails=0}), so a refused connection is a failed request each time, until the
 * endpoints controller removes the backend. And a client that sends constant load through it.
 * Tests end nginx by its pid.
 */
final class Ingress implements AutoCloseable {
    private final Path prefix;
    private final int port;
    private final Process nginx;

    private Ingress(Path prefix, int port, Process nginx) {
        this.prefix = prefix;
        this.port = port;
        this.nginx = nginx;
    }

    /** Starts nginx on a free port, routing to {@code backends} (loopback ports). */
    static Ingress start(Path prefix, List<Integer> backends) throws Exception {
        Files.createDirectories(prefix.resolve("logs"));
        int port = Apps.freePort();
        writeConf(prefix, port, backends);
        Process p = new ProcessBuilder("nginx", "-p", prefix.toString(), "-c", prefix.resolve("nginx.conf").toString(),
                "-g", "daemon off;").redirectErrorStream(true).redirectOutput(prefix.resolve("nginx.out").toFile()).start();
        return new Ingress(prefix, port, p);
    }

    /** nginx's main context for a test: one worker, its pid file and error log where given, 512 connections. */
    static String mainContext(Path pid, Path errorLog) {
        return String.join("\n", "worker_processes 1;", "pid " + pid + ";", "error_log " + errorLog + " notice;",
                "events { worker_connections 512; }");
    }

    private static void writeConf(Path prefix, int port, List<Integer> backends) throws IOException {
        StringBuilder servers = new StringBuilder();
        for (int b : backends) {
            servers.append("    server 127.0.0.1:").append(b).append(" max_fails=0;\n");
        }
        Files.writeString(prefix.resolve("nginx.conf"), String.join("\n",
                mainContext(prefix.resolve("nginx.pid"), prefix.resolve("logs/error.log")),
                "http {",
                "  access_log off;",
                "  upstream app {",
                servers + "  }",
                "  server {",
                "    listen 127.0.0.1:" + port + ";",
                "    location / {",
                "      proxy_pass http://app;",
                "      proxy_next_upstream off;",
                "      proxy_buffering off;",
                "    }",
                "  }",
                "}",
                ""));
    }

    int port() {
        return port;
    }

    /** The endpoints controller's move: the upstream becomes {@code backends}, nginx reloads (SIGHUP). */
    void route(List<Integer> backends) throws Exception {
        writeConf(prefix, port, backends);
        new ProcessBuilder("kill", "-HUP", Long.toString(nginx.pid())).inheritIO().start().waitFor();
    }

    /** One request through the ingress: "STATUS BODY", or "ERR why". HTTP/1.0, a connection each. */
    static String fetch(int port, String path) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: app\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int sp = all.indexOf(' ');
            int body = all.indexOf("\r\n\r\n");
            if (sp < 0 || body < 0) {
                return "ERR short reply: " + all;
            }
            return all.substring(sp + 1, sp + 4) + " " + all.substring(body + 4).trim();
        } catch (IOException e) {
            return "ERR " + e;
        }
    }

    @Override
    public void close() throws Exception {
        nginx.destroy(); // SIGTERM to the master, which ends its workers
        if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
            nginx.destroyForcibly();
        }
    }

    /** Constant load through the ingress: {@code threads} clients, each at {@code perSecond} requests a second. */
    static final class Load implements AutoCloseable {
        /** One answer and when it was asked (System.nanoTime). */
        record Hit(long sent, String answer) {
        }

        private final List<Hit> hits = new CopyOnWriteArrayList<>();
        private final List<Thread> threads = new CopyOnWriteArrayList<>();
        private volatile boolean running = true;

        Load(int port, String path, int threads, int perSecond) {
            long period = TimeUnit.SECONDS.toNanos(1) / perSecond;
            for (int i = 0; i < threads; i++) {
                Thread t = new Thread(() -> {
                    long next = System.nanoTime();
                    while (running) {
                        long sent = System.nanoTime();
                        hits.add(new Hit(sent, fetch(port, path)));
                        next += period;
                        LockSupport.parkNanos(next - System.nanoTime()); // the client's pace, not a wait for a state
                    }
                }, "load-" + i);
                t.setDaemon(true);
                this.threads.add(t);
                t.start();
            }
        }

        List<Hit> hits() {
            return List.copyOf(hits);
        }

        long count(String answer, long sentAfter) {
            return hits.stream().filter(h -> h.sent() >= sentAfter && h.answer().equals(answer)).count();
        }

        List<Hit> failures() {
            return hits.stream().filter(h -> !h.answer().startsWith("200 ")).toList();
        }

        /** Whether the last {@code n} answers were all {@code answer}. */
        boolean lastAre(String answer, int n) {
            List<Hit> all = hits();
            return all.size() >= n && all.subList(all.size() - n, all.size()).stream().allMatch(h -> h.answer().equals(answer));
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            for (Thread t : threads) {
                t.join(10_000);
            }
        }
    }
}
