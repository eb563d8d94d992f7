package steward.agent.cron;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import steward.agent.logs.LogSink;

/**
 * The {@code cron} log: one line per event or per line of job output, each stamped and tagged with
 * the job ({@code 2026-01-05 03:00:00,012 [job 4] text}). Thread-safe: the event loop and, in cluster
 * mode, Quartz's threads write to it.
 */
public final class CronLog {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private final LogSink sink;
    private final Clock clock;

    public CronLog(LogSink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    /** A line about cron itself. */
    public void info(String message) {
        write(null, message);
    }

    /** A line about, or written by, one job. */
    public void job(String tag, String message) {
        write(tag, message);
    }

    private void write(String tag, String message) {
        StringBuilder b = new StringBuilder(message.length() + 48);
        b.append(LocalDateTime.now(clock).format(STAMP)).append(' ');
        if (tag != null) {
            b.append('[').append(tag).append("] ");
        }
        b.append(message).append('\n');
        ByteBuffer bytes = ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.UTF_8));
        synchronized (this) {
            sink.write(bytes);
        }
    }

    public synchronized void reopen() {
        sink.reopen();
    }

    public synchronized void close() {
        sink.close();
    }
}
