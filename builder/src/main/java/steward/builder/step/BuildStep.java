package steward.builder.step;

import java.io.IOException;

/** One stage of a build; the build is an ordered list of these. */
@FunctionalInterface
public interface BuildStep {
    void run(BuildContext context) throws BuildFailure, IOException;

    /** The name a failure reports; defaults to the class name. */
    default String name() {
        return getClass().getSimpleName();
    }
}
