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
