package steward.agent.logs;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * {@code --log-stdout}: every record (a program's line, cron's, the agent's) copied to the agent's
 * stdout by one writer thread, through a bounded buffer, so a slow or stuck stdout pipe never
 * blocks the event loop or the programs. A record that does not fit is dropped and counted; once
 * the writer catches up it says how many were dropped. The log files are written as before.
 */
public final class StdoutMirror implements AutoCloseable {
    private final LogRecordFormat format;
    private final Clock clock;
    private final OutputStream out;
    private final byte[] ring;
    private int head;
    private int size;
    private long dropped;
    private long droppedTotal;
    private boolean closed;
    private final Thread writer;

    /**
     * @param capacity bytes held for a slow stdout before records are dropped
     */
    public StdoutMirror(LogRecordFormat format, Clock clock, OutputStream out, int capacity) {
        this.format = format;
        this.clock = clock;
        this.out = out;
        this.ring = new byte[capacity];
        this.writer = new Thread(this::drain, "steward-stdout");
        writer.setDaemon(true);
        writer.start();
    }

    /** The agent's own stdout (fd 1), 1 MiB of buffer. */
    public static StdoutMirror toStdout(LogRecordFormat format) {
        return new StdoutMirror(format, Clock.systemUTC(), new FileOutputStream(FileDescriptor.out), 1 << 20);
    }

    /** Copies one record; never blocks on stdout. */
    public void record(String source, String stream, String line) {
        put(format.format(clock.instant(), source, stream, line).getBytes(StandardCharsets.UTF_8));
    }

    /** Copies a line of the agent's or cron's own log ({@link LogRecordFormat#formatStamped}). */
    public void recordStamped(String source, String stream, String line) {
        put(format.formatStamped(clock.instant(), source, stream, line).getBytes(StandardCharsets.UTF_8));
    }

    private void put(byte[] bytes) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (bytes.length > ring.length - size) {
                dropped++;
                droppedTotal++;
                return;
            }
            int tail = (head + size) % ring.length;
            int first = Math.min(bytes.length, ring.length - tail);
            System.arraycopy(bytes, 0, ring, tail, first);
            System.arraycopy(bytes, first, ring, 0, bytes.length - first);
            size += bytes.length;
            notifyAll();
        }
    }

    /** Records dropped so far because stdout was too slow. */
    public synchronized long dropped() {
        return droppedTotal;
    }

    private void drain() {
        byte[] chunk = new byte[64 * 1024];
        while (true) {
            int n;
            long lost;
            synchronized (this) {
                while (size == 0 && dropped == 0 && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (size == 0 && closed) {
                    return;
                }
                n = Math.min(size, chunk.length);
                int first = Math.min(n, ring.length - head);
                System.arraycopy(ring, head, chunk, 0, first);
                System.arraycopy(ring, 0, chunk, first, n - first);
                head = (head + n) % ring.length;
                size -= n;
                lost = size == 0 ? dropped : 0;
                if (lost > 0) {
                    dropped = 0;
                }
            }
            try {
                out.write(chunk, 0, n);
                if (lost > 0) {
                    out.write(format.format(clock.instant(), "supervisord", "stdout", "steward: stdout was too slow; "
                            + lost + " log records were dropped from it (the log files have them)")
                            .getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
            } catch (IOException e) {
                synchronized (this) {
                    closed = true;
                    size = 0;
                }
                return;
            }
        }
    }

    /** Writes what is buffered (waiting up to {@code millis}) and stops the writer. */
    public void close(long millis) {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            writer.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(2000);
    }
}
