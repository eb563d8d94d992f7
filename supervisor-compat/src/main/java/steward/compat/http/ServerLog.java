package steward.compat.http;

import java.util.function.Consumer;

/**
 * Where the control server reports what it caught (to the daemon's main log in the agent): one
 * line per failure, naming what failed, the throwable and where it was thrown.
 */
final class ServerLog {
    private final Consumer<String> sink;

    ServerLog(Consumer<String> sink) {
        this.sink = sink;
    }

    void error(String what, Throwable t) {
        StringBuilder line = new StringBuilder("control server: ").append(what).append(": ").append(t);
        StackTraceElement[] trace = t.getStackTrace();
        if (trace.length > 0) {
            line.append(" at ").append(trace[0]);
        }
        try {
            sink.accept(line.toString());
        } catch (RuntimeException | Error ignored) {
            // the log itself failing must not take the server down
        }
    }

    void error(String message) {
        try {
            sink.accept("control server: " + message);
        } catch (RuntimeException | Error ignored) {
            // as above
        }
    }
}
