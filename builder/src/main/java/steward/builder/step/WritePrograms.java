package steward.builder.step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import steward.builder.manifest.ManifestException;
import steward.builder.program.ServicePrograms;
import steward.builder.program.Stack;
import steward.builder.program.StackLayout;
import steward.builder.release.AtomicFiles;

/**
 * Produces what the release runs, the one place that does: the type's stack configuration files in
 * the release's stack directory, and {@code programs.conf} (the stack's programs, the approot's
 * supervisord.conf, process/processes) in its metadata. The agent runs that file as it is.
 */
public final class WritePrograms implements BuildStep {
    public static final String FILE = "programs.conf";
    public static final String STACK_DIR = "stack";
    private final Stack stack;

    public WritePrograms(Stack stack) {
        this.stack = stack;
    }

    /** The stack layout of a release whose metadata lives in {@code metaDir}. */
    public static StackLayout layout(Path home, Path metaDir, Path approotDir, Map<String, String> variables) {
        int port = Integer.parseInt(variables.getOrDefault("PORT_WWW", "8080"));
        return new StackLayout(home, metaDir.resolve(STACK_DIR), approotDir, port, "root".equals(System.getProperty("user.name")));
    }

    @Override
    public void run(BuildContext ctx) throws BuildFailure, IOException {
        StackLayout layout = layout(ctx.config().home(), ctx.store().metaDir(ctx.release()), ctx.approotDir(), ctx.variables());
        ServicePrograms programs;
        try {
            programs = ServicePrograms.of(ctx.service(), stack.programs(layout, ctx.service()), ctx.approotDir(), ctx.config().home());
        } catch (ManifestException e) {
            throw new BuildFailure(name(), e.getMessage(), List.of());
        }
        Map<String, String> files = stack.files(layout, ctx.service());
        if (!files.isEmpty()) {
            Files.createDirectories(layout.stackDir().resolve("tmp"));
            for (var f : files.entrySet()) {
                Path file = layout.stackDir().resolve(f.getKey());
                Files.createDirectories(file.getParent());
                AtomicFiles.write(file, f.getValue());
            }
        }
        AtomicFiles.write(ctx.store().metaDir(ctx.release()).resolve(FILE), programs.text());
        ctx.programs(programs);
    }

    @Override
    public String name() {
        return "programs";
    }
}
