package steward.builder;

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
}
