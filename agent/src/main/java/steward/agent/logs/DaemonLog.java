package steward.agent.logs;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import steward.compat.config.LogLevel;
import steward.compat.time.Stamps;

/**
 * The daemon's own log in Supervisor's line format, {@code 2026-11-23 18:46:25,123 INFO message},
 * written to a rotating file and, in the foreground, echoed to the console. Thread-safe.
 */
public final class DaemonLog {
    private final LogSink file;
    private final PrintStream echo;
    private volatile LogLevel threshold;

    /**
     * @param file the log file sink (or {@link LogSink#DISCARD})
     * @param echo where to copy lines (the console), or null
     */
    public DaemonLog(LogSink file, PrintStream echo, LogLevel threshold) {
        this.file = file;
        this.echo = echo;
        this.threshold = threshold;
    }

    public void setThreshold(LogLevel level) {
        this.threshold = level;
    }

    public boolean enabled(LogLevel level) {
        return threshold.allows(level);
    }

    public void crit(String message) {
        log(LogLevel.CRIT, message);
    }

    public void error(String message) {
        log(LogLevel.ERRO, message);
    }

    public void warn(String message) {
        log(LogLevel.WARN, message);
    }

    public void info(String message) {
        log(LogLevel.INFO, message);
    }

    public void debug(String message) {
        log(LogLevel.DEBG, message);
    }

    public void log(LogLevel level, String message) {
        if (!threshold.allows(level)) {
            return;
        }
        String line = Stamps.logStamp(System.currentTimeMillis()) + " " + level.name() + " " + message + "\n";
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            file.write(ByteBuffer.wrap(bytes));
            if (echo != null) {
                echo.print(line);
                echo.flush();
            }
        }
    }

    public synchronized void reopen() {
        file.reopen();
    }

    public synchronized void clear() {
        file.clear();
    }

    public Optional<Path> path() {
        return file.file();
    }

    public synchronized void close() {
        file.close();
    }
}
