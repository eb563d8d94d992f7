package steward.agent.it;

import java.util.ArrayList;
import java.util.List;

/** Requests a port every few milliseconds on a thread and keeps what it saw (first line of each answer). */
final class HttpWatch implements AutoCloseable {
    /** Told of each answer: when its request was sent (System.nanoTime) and the answer's first line. */
    interface Answer {
        void seen(long sentNanos, String firstLine);
    }

    private final List<String> seen = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    HttpWatch(int port) {
        this(port, (sent, line) -> { });
    }

    HttpWatch(int port, Answer answer) {
        thread = new Thread(() -> {
            while (running) {
                long sent = System.nanoTime();
                String r = Apps.get(port);
                String first = r.lines().findFirst().orElse("");
                if (!running) {
                    return; // closed meanwhile: an interrupted request is not an answer
                }
                answer.seen(sent, first);
                synchronized (seen) {
                    seen.add(first);
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "http-watch");
        thread.start();
    }

    /** Everything seen so far, in order. */
    List<String> seen() {
        synchronized (seen) {
            return new ArrayList<>(seen);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}
