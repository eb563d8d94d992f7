package steward.agent.cron;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Cuts one output channel of a job into lines and writes each to the cron log under the job's tag.
 * A line longer than {@link #MAX_LINE} is cut; a last line without a newline is written at end of file.
 */
final class LineTagger {
    static final int MAX_LINE = 8192;

    private final CronLog log;
    private final String tag;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    LineTagger(CronLog log, String tag) {
        this.log = log;
        this.tag = tag;
    }

    void accept(ByteBuffer data) {
        while (data.hasRemaining()) {
            byte b = data.get();
            if (b == '\n') {
                emit();
            } else {
                pending.write(b);
                if (pending.size() >= MAX_LINE) {
                    emit();
                }
            }
        }
    }

    void finish() {
        if (pending.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String line = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        log.job(tag, line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
}
