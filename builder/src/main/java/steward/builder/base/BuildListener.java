package steward.builder.base;

/**
 * Receives a build's progress: dotCloud-style progress lines ("Installing build revision …"),
 * warnings, and each output line of a running step (hook, npm) as it comes.
 */
public interface BuildListener {
    BuildListener NONE = new BuildListener() {
    };

    default void progress(String line) {
    }

    default void warning(String line) {
    }

    default void output(String step, String line) {
    }

    /**
     * A listener that writes everything as terminal lines: progress as is, warnings after
     * {@code Warning: }, step output indented by two spaces.
     */
    static BuildListener lines(java.util.function.Consumer<String> sink) {
        return new BuildListener() {
            @Override
            public void progress(String line) {
                sink.accept(line);
            }

            @Override
            public void warning(String line) {
                sink.accept("Warning: " + line);
            }

            @Override
            public void output(String step, String line) {
                sink.accept("  " + line);
            }
        };
    }
}
