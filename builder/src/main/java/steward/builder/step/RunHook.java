package steward.builder.step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import steward.builder.base.BuildListener;
import steward.builder.exec.Command;
import steward.builder.exec.CommandResult;
import steward.builder.exec.CommandRunner;
import steward.builder.manifest.Hooks;

/**
 * Runs a hook ({@code prebuild}, {@code postbuild}, custom {@code buildscript}) with {@code /bin/sh -c}
 * in the approot (the tree root for buildscript), under the build time limit. A hook naming a file
 * that exists but is not executable is made executable first, as the dotCloud sandbox did.
 */
public final class RunHook implements BuildStep {
    private final String name;
    private final Function<Hooks, String> command;
    private final boolean fromRoot;

    public RunHook(String name, Function<Hooks, String> command, boolean fromRoot) {
        this.name = name;
        this.command = command;
        this.fromRoot = fromRoot;
    }

    public static RunHook prebuild() {
        return new RunHook("prebuild", Hooks::prebuild, false);
    }

    public static RunHook postbuild() {
        return new RunHook("postbuild", Hooks::postbuild, false);
    }

    public static RunHook buildscript() {
        return new RunHook("buildscript", Hooks::buildscript, true);
    }

    @Override
    public void run(BuildContext ctx) throws BuildFailure, IOException {
        String script = command.apply(ctx.service().hooks());
        if (script == null) {
            return;
        }
        Path cwd = fromRoot ? ctx.release().dir() : ctx.approotDir();
        ctx.listener().progress("Running " + name + " hook: " + script);
        CommandResult r = run(ctx.runner(), name, script, cwd, ctx.processEnvironment(), ctx.config().buildTimeout(), ctx.listener());
        if (!r.succeeded()) {
            throw BuildFailure.ran(name, script, r, ctx.config().buildTimeout());
        }
    }

    /** Shared with postinstall: chmod +x a named script file, run, stream lines as {@code step} output. */
    public static CommandResult run(CommandRunner runner, String step, String script, Path cwd, Map<String, String> env,
            Duration timeout, BuildListener listener) throws IOException {
        makeExecutable(cwd, script);
        return runner.run(new Command(script, cwd, env, timeout), line -> listener.output(step, line));
    }

    static void makeExecutable(Path cwd, String script) throws IOException {
        if (script.isBlank() || script.chars().anyMatch(Character::isWhitespace)) {
            return;
        }
        if (script.startsWith("~") || script.startsWith("/")) {
            return;
        }
        Path file = cwd.resolve(script).normalize();
        if (file.startsWith(cwd) && Files.isRegularFile(file) && !Files.isExecutable(file)) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            perms.add(PosixFilePermission.OWNER_EXECUTE);
            Files.setPosixFilePermissions(file, perms);
        }
    }

    @Override
    public String name() {
        return name;
    }
}
