package steward.agent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code steward manpages DIR}: writes steward.1 and steward-COMMAND.1 for every command, from the command tree. */
@Command(name = "manpages", mixinStandardHelpOptions = true,
        description = {"Write the man pages (steward.1 and steward-COMMAND.1 for each command) into DIR.",
                "For example: steward manpages /usr/local/share/man/man1, then man steward-ctl."})
public final class ManpagesCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "where to write them (created if missing)")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dir);
        for (var page : all(spec.root().commandLine()).entrySet()) {
            Path file = dir.resolve(page.getKey());
            Files.writeString(file, page.getValue());
            spec.commandLine().getOut().println(file);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The pages of a tree, by file name (for tests and the INSTALL steps). */
    static java.util.Map<String, String> all(CommandLine rootLine) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        CommandSpec root = rootLine.getCommandSpec();
        out.put(ManPage.fileName(root), ManPage.render(root));
        ManPage.visibleSubcommands(root).forEach(c -> out.put(ManPage.fileName(c.getCommandSpec()),
                ManPage.render(c.getCommandSpec())));
        return out;
    }
}
