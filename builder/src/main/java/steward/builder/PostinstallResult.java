package steward.builder;

import java.util.List;

/**
 * The outcome of {@link Builder#runPostinstall}: not run (no hook), succeeded, or failed with a
 * reason ("exited with status 1", "killed after exceeding the 10 min limit") and the last lines.
 */
public record PostinstallResult(boolean ran, boolean succeeded, String reason, List<String> lastLines) {
    public PostinstallResult {
        lastLines = List.copyOf(lastLines);
    }

    static PostinstallResult skipped() {
        return new PostinstallResult(false, true, "no postinstall hook", List.of());
    }
}
