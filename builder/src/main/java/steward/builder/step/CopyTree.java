package steward.builder.step;

import java.io.IOException;
import steward.builder.release.TreeCopier;

/** Copies the pushed tree into the new release (ignore rules and safe links: {@link TreeCopier}). */
public final class CopyTree implements BuildStep {
    @Override
    public void run(BuildContext ctx) throws IOException {
        for (String note : new TreeCopier().copy(ctx.tree(), ctx.release().dir())) {
            ctx.note(note);
        }
    }

    @Override
    public String name() {
        return "copy";
    }
}
