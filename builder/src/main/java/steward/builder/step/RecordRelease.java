package steward.builder.step;

import java.io.IOException;
import steward.builder.release.ReleaseMetadata;

/** The last step: writes release.properties, which marks the release complete. */
public final class RecordRelease implements BuildStep {
    @Override
    public void run(BuildContext ctx) throws IOException {
        ReleaseMetadata m = new ReleaseMetadata(ctx.service().name(), ctx.service().type().wireName(), ctx.service().approot(),
                ctx.depsHash().orElse(null),
                ctx.binDirs().isEmpty() ? null : String.join(":", ctx.binDirs().stream().map(Object::toString).toList()));
        ctx.store().writeMetadata(ctx.release(), m);
    }

    @Override
    public String name() {
        return "record";
    }
}
