package steward.agent.it;

import java.util.ArrayList;
import java.util.List;

/** Requests a port every few milliseconds on a thread and keeps what it saw (first line of each answer). */
final class HttpWatch implements AutoCloseable {
    private final List<String> seen = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    HttpWatch(int port) {
        thread = new Thread(() -> {
            while (running) {
                String r = Apps.get(port);
                String first = r.lines().findFirst().orElse("");
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
