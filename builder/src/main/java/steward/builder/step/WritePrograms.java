package steward.builder.step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import steward.builder.manifest.ManifestException;
import steward.builder.program.ServicePrograms;
import steward.builder.program.Stack;
import steward.builder.program.StackLayout;
import steward.builder.program.StackProgram;
import steward.builder.program.StackUser;
import steward.builder.stack.FrontDigest;
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

    /** The digest of what the kept programs read ({@link FrontDigest}), beside programs.conf. */
    public static final String FRONT = "front-digest";

    /** Names of the programs kept across a redeploy (reloaded with SIGHUP when what they read changed), one a line. */
    public static final String IN_PLACE = "reload-in-place";

    /** The stack layout of a release whose metadata lives in {@code metaDir}. */
    public static StackLayout layout(Path home, Path metaDir, Path approotDir, Map<String, String> variables) {
        int port = Integer.parseInt(variables.getOrDefault("PORT_WWW", "8080"));
        return new StackLayout(home, metaDir.resolve(STACK_DIR), approotDir, port, StackUser.forStack(home, approotDir));
    }

    /** Writes a stack's files (name → content) into the layout's stack directory. */
    public static void writeFiles(StackLayout layout, Map<String, String> files) throws IOException {
        if (!files.isEmpty()) {
            Files.createDirectories(layout.stackDir().resolve("tmp"));
            for (var f : files.entrySet()) {
                Path file = layout.stackDir().resolve(f.getKey());
                Files.createDirectories(file.getParent());
                AtomicFiles.write(file, f.getValue());
            }
        }
    }

    /**
     * The stack directory (where an app server run as the workers' user creates its socket) is
     * given to that user; when the agent is root but the workers must stay root (the chosen user
     * cannot enter the approot), a warning says which directory to open.
     */
    private static void workerUser(BuildContext ctx, StackLayout layout) throws IOException {
        if (!Files.isDirectory(layout.stackDir()) || layout.worker().isEmpty()) {
            return;
        }
        Optional<StackUser> user = layout.unprivileged();
        if (user.isPresent()) {
            var lookup = layout.stackDir().getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(layout.stackDir(), lookup.lookupPrincipalByName(user.get().name()));
            return;
        }
        StackUser wanted = StackUser.choose(ctx.config().home());
        ctx.warn("the stack's workers run as root: " + wanted.name() + " cannot enter " + wanted.blocked(layout.approotDir())
                .map(Path::toString).orElse(layout.approotDir().toString()) + " (make it searchable by others, chmod o+x, "
                + "so they run as " + wanted.name() + ")");
    }

    @Override
    public void run(BuildContext ctx) throws BuildFailure, IOException {
        StackLayout layout = layout(ctx.config().home(), ctx.store().metaDir(ctx.release()), ctx.approotDir(), ctx.variables());
        ServicePrograms programs;
        try {
            programs = ServicePrograms.of(ctx.service(), stack.programs(layout, ctx.service()), ctx.approotDir(), ctx.config().home(),
                    ServicePrograms.heldSockets(ctx.service(), ctx.variables()));
        } catch (ManifestException e) {
            throw new BuildFailure(name(), e.getMessage(), List.of());
        }
        Map<String, String> files = stack.files(layout, ctx.service());
        writeFiles(layout, files);
        AtomicFiles.write(ctx.store().metaDir(ctx.release()).resolve(FRONT), FrontDigest.of(files, ctx.approotDir()) + "\n");
        workerUser(ctx, layout);
        AtomicFiles.write(ctx.store().metaDir(ctx.release()).resolve(FILE), programs.text());
        StringBuilder inPlace = new StringBuilder();
        stack.programs(layout, ctx.service()).stream().filter(StackProgram::inPlace).forEach(p -> inPlace.append(p.name()).append('\n'));
        AtomicFiles.write(ctx.store().metaDir(ctx.release()).resolve(IN_PLACE), inPlace.toString());
        ctx.programs(programs);
    }

    @Override
    public String name() {
        return "programs";
    }
}
