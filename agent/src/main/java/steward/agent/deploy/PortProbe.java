package steward.agent.deploy;

import java.util.OptionalLong;

/**
 * Measures how long a port was unavailable during a program swap: a thread tries to connect every
 * few milliseconds and remembers the first refusal and the first acceptance after it.
 */
final class PortProbe implements AutoCloseable {
    private static final long INTERVAL_MS = 5;

    private final int port;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long firstDown = -1;
    private volatile long upAgain = -1;

    private final boolean servedBefore;

    PortProbe(int port) {
        this.port = port;
        this.servedBefore = Readiness.accepts(port);
        this.thread = new Thread(this::loop, "steward-port-probe");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            boolean open = Readiness.accepts(port);
            long now = System.nanoTime();
            if (!open && firstDown < 0) {
                firstDown = now;
            } else if (open && firstDown >= 0 && upAgain < 0) {
                upAgain = now;
            }
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Stops probing. Returns the gap in milliseconds: 0 when the port never refused, empty when it
     * refused and never came back.
     */
    OptionalLong gapMillis() {
        close();
        if (firstDown < 0) {
            return OptionalLong.of(0);
        }
        if (upAgain < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((upAgain - firstDown) / 1_000_000);
    }

    /** True when the port accepted a connection as the probe began: something served before the swap. */
    boolean servedBefore() {
        return servedBefore;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
