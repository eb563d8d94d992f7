package steward.builder.step;

import java.util.List;

/** A step's verdict that the build cannot go on: the step name, why, and its last output lines. */
public final class BuildFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final String step;
    private final transient List<String> lastLines;

    public BuildFailure(String step, String reason, List<String> lastLines) {
        super(reason);
        this.step = step;
        this.lastLines = List.copyOf(lastLines);
    }

    /**
     * {@code script} (a shell command line, its words already quoted) ran and failed: the reason is the
     * command as it ran, then what happened ({@code '/usr/bin/npm' install exited with status 1}),
     * with no quotes around it (they would nest with the command's own).
     */
    public static BuildFailure ran(String step, String script, steward.builder.exec.CommandResult r, java.time.Duration limit) {
        return new BuildFailure(step, script + " " + r.describe(limit), r.lastLines());
    }

    public String step() {
        return step;
    }

    public String reason() {
        return getMessage();
    }

    public List<String> lastLines() {
        return lastLines;
    }
}
