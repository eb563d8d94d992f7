package steward.builder;

import java.nio.file.Path;
import steward.builder.base.BuildListener;
import steward.builder.base.BuilderConfig;

/** A deploy's JVM for {@link InterruptedDeployTest}: builds {@code args[1]} into home {@code args[0]}. */
public final class InterruptedBuild {
    private InterruptedBuild() {
    }

    public static void main(String[] args) {
        new Builder(BuilderConfig.defaults(Path.of(args[0])), BuildListener.NONE).build(BuildRequest.of(Path.of(args[1])));
    }
}
