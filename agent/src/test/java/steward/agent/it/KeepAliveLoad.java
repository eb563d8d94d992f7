package steward.agent.it;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A strict keep-alive HTTP/1.1 load: {@code connections} threads, each sending GET after GET on one
 * connection and reconnecting only after a response that said {@code Connection: close}. A
 * connection refused, closed or reset while a request is outstanding, or a reply other than 200,
 * is a failure (then the thread reconnects). Counts the answers by their {@code X-Pid} header.
 */
final class KeepAliveLoad implements AutoCloseable {
    final AtomicInteger ok = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger connects = new AtomicInteger();
    final Set<String> answeredBy = ConcurrentHashMap.newKeySet();
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final int port;

    KeepAliveLoad(int port, int connections) {
        this.port = port;
        for (int i = 0; i < connections; i++) {
            Thread t = new Thread(this::run, "keep-alive-" + i);
            threads.add(t);
            t.start();
        }
    }

    private void run() {
        Socket s = null;
        InputStream in = null;
        while (running.get()) {
            try {
                if (s == null) {
                    s = new Socket();
                    s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                    s.setSoTimeout(20_000);
                    in = new BufferedInputStream(s.getInputStream());
                    connects.incrementAndGet();
                }
                boolean keep = exchange(s.getOutputStream(), in);
                ok.incrementAndGet();
                if (!keep) {
                    s.close();
                    s = null;
                }
            } catch (IOException e) {
                failed.incrementAndGet();
                failures.add(e.toString());
                close(s);
                s = null;
            }
        }
        close(s);
    }

    /** One request and its response; false when the server said it closes the connection. */
    private boolean exchange(OutputStream out, InputStream in) throws IOException {
        out.write("GET /index.html HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IOException("bad status: " + status);
        }
        int length = -1;
        boolean keep = true;
        String pid = null;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            String name = h.substring(0, Math.max(0, h.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(h.indexOf(':') + 1).trim();
            switch (name) {
                case "content-length" -> length = Integer.parseInt(value);
                case "connection" -> keep = !value.equalsIgnoreCase("close");
                case "x-pid" -> pid = value;
                default -> { }
            }
        }
        if (length < 0 || in.readNBytes(length).length != length) {
            throw new EOFException("body cut short");
        }
        if (pid == null) {
            throw new IOException("no X-Pid header");
        }
        answeredBy.add(pid);
        return keep;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed with a request outstanding");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private static void close(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(30_000);
        }
    }

    @Override
    public String toString() {
        return "ok=" + ok + " failed=" + failed + " connects=" + connects + " answeredBy=" + answeredBy.size()
                + " failures=" + failures.stream().distinct().limit(5).toList();
    }
}
