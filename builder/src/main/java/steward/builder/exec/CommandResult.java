package steward.builder.exec;

import java.time.Duration;
import java.util.List;

/** How a command ended: its exit code (-1 when it could not start or was killed), and its last lines. */
public record CommandResult(int exitCode, boolean timedOut, Duration elapsed, List<String> lastLines, String startError) {
    public CommandResult {
        lastLines = List.copyOf(lastLines);
    }

    public boolean succeeded() {
        return exitCode == 0 && !timedOut && startError == null;
    }

    /** One sentence for an error report, e.g. {@code "exited with status 3"}. */
    public String describe(Duration limit) {
        if (startError != null) {
            return "could not start: " + startError;
        }
        if (timedOut) {
            return "killed after exceeding the " + Durations.human(limit) + " limit";
        }
        return "exited with status " + exitCode;
    }
}
