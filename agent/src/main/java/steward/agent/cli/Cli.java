package steward.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import steward.compat.cli.CommandDoc;
import steward.compat.cli.Opt;

/**
 * The whole command tree as picocli sees it: {@link StewardCommand} and the subcommands it names (a
 * command is registered there, once), with each {@link GetoptCommand}'s options added from its
 * {@link CommandDoc}. The picocli commands execute from here; {@code --help}, {@code steward help},
 * {@link ManPage} and {@link CompletionCommand} all read this one tree.
 */
public final class Cli {
    /** Values the shell completes as file names. */
    private static final java.util.Set<String> FILE_LABELS = java.util.Set.of("FILENAME", "DIRECTORY", "DIR", "PATH");

    private Cli() {
    }

    public static CommandLine commandLine() {
        CommandLine root = new CommandLine(new StewardCommand());
        for (CommandLine sub : root.getSubcommands().values()) {
            if (sub.getCommand() instanceof GetoptCommand g) {
                attach(sub.getCommandSpec(), g.doc());
            }
        }
        return root;
    }

    /** Runs a picocli command line of the tree, its output on {@code out} and {@code err}. */
    public static int execute(String[] args, java.io.PrintStream out, java.io.PrintStream err) {
        CommandLine cli = commandLine();
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        return cli.execute(args);
    }

    private static void attach(CommandSpec spec, CommandDoc doc) {
        spec.usageMessage().description(capitalized(doc.summary())).footer(doc.notes().toArray(String[]::new));
        for (Opt o : doc.options()) {
            spec.addOption(OptionSpec.builder(o.names().toArray(String[]::new))
                    .type(!o.hasValue() ? boolean.class : FILE_LABELS.contains(o.label()) ? java.io.File.class : String.class)
                    .arity(o.hasValue() ? "1" : "0")
                    .paramLabel(o.hasValue() ? o.label() : "")
                    .hidden(o.hidden())
                    .description(CommandDoc.flat(o.description()))
                    .build());
        }
        doc.operand().ifPresent(op -> spec.addPositional(PositionalParamSpec.builder()
                .paramLabel(op.label())
                .arity("0..*")
                .type(String.class)
                .completionCandidates(op.candidates().isEmpty() ? null : op.candidates())
                .description(CommandDoc.flat(op.description()))
                .build()));
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
