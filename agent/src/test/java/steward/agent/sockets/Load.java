package steward.agent.sockets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load loop: {@code threads} clients each sending one GET per connection (Connection: close),
 * back to back, counting answers (200 with a body) and failures (refused, reset, timeout, short).
 */
final class Load implements AutoCloseable {
    private final int port;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicInteger failed = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Set<String> bodies = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    private Load(int port) {
        this.port = port;
    }

    static Load start(int port, int threads) {
        Load load = new Load(port);
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(load::loop, "load-" + i);
            t.setDaemon(true);
            load.threads.add(t);
            t.start();
        }
        return load;
    }

    long ok() {
        return ok.get();
    }

    int failed() {
        return failed.get();
    }

    List<String> failures() {
        return failures;
    }

    /** Distinct response bodies seen (the cluster test's workers answer their pid). */
    Set<String> bodies() {
        return bodies;
    }

    private void loop() {
        while (running) {
            try {
                String body = get(port, "/");
                ok.incrementAndGet();
                if (body.length() < 40) {
                    bodies.add(body.trim());
                }
            } catch (IOException e) {
                failed.incrementAndGet();
                failures.add(e.toString());
            }
        }
    }

    /** One GET on a fresh connection; returns the body of a 200 answer, else throws. */
    static String get(int port, String path) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 3000);
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = answer.indexOf("\r\n\r\n");
            if (!answer.startsWith("HTTP/1.1 200") || split < 0) {
                throw new IOException("answer was \"" + answer + "\"");
            }
            String head = answer.substring(0, split).toLowerCase(java.util.Locale.ROOT);
            return head.contains("transfer-encoding: chunked") ? dechunk(answer.substring(split + 4)) : answer.substring(split + 4);
        }
    }

    /** The body of a chunked answer; throws when it was cut short (no last chunk). */
    private static String dechunk(String chunked) throws IOException {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", at);
            if (eol < 0) {
                throw new IOException("chunked answer cut short: \"" + chunked + "\"");
            }
            int size = Integer.parseInt(chunked.substring(at, eol).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
    }

    /** Stops the clients and waits for their last requests. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(15_000);
        }
    }
}
