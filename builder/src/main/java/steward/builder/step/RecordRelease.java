package steward.builder.step;

import java.io.IOException;
import steward.builder.release.ReleaseMetadata;

/** The last step: writes release.properties, which marks the release complete. */
public final class RecordRelease implements BuildStep {
    @Override
    public void run(BuildContext ctx) throws IOException {
        ReleaseMetadata m = new ReleaseMetadata(ctx.service().name(), ctx.service().type().wireName(), ctx.service().approot(),
                ctx.depsHash().orElse(null), ctx.node().binDir().map(Object::toString).orElse(null));
        ctx.store().writeMetadata(ctx.release(), m);
    }

    @Override
    public String name() {
        return "record";
    }
}
