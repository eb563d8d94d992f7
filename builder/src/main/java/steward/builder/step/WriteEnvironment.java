package steward.builder.step;

import java.io.IOException;
import steward.builder.env.EnvironmentFiles;

/**
 * Stages environment.json/.yml/.yaml and dotcloud_profile in the release's metadata; they are
 * installed into HOME when the release goes live, so a failed build leaves HOME's files alone.
 */
public final class WriteEnvironment implements BuildStep {
    @Override
    public void run(BuildContext ctx) throws IOException {
        EnvironmentFiles.write(ctx.store().metaDir(ctx.release()), ctx.variables(), ctx.binDirs());
    }

    @Override
    public String name() {
        return "environment";
    }
}
