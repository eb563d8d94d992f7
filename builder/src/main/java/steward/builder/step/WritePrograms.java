package steward.builder.step;

import java.io.IOException;
import steward.builder.manifest.ManifestException;
import steward.builder.program.ServicePrograms;
import steward.builder.release.AtomicFiles;

/** Renders the service's programs (approot supervisord.conf + process/processes) into the release's metadata. */
public final class WritePrograms implements BuildStep {
    public static final String FILE = "programs.conf";

    @Override
    public void run(BuildContext ctx) throws BuildFailure, IOException {
        ServicePrograms programs;
        try {
            programs = ServicePrograms.of(ctx.service(), ctx.approotDir(), ctx.config().home(), ctx.config().logDir());
        } catch (ManifestException e) {
            throw new BuildFailure(name(), e.getMessage(), java.util.List.of());
        }
        AtomicFiles.write(ctx.store().metaDir(ctx.release()).resolve(FILE), programs.text());
        ctx.programs(programs);
    }

    @Override
    public String name() {
        return "programs";
    }
}
