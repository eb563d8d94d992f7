package steward.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code steward help [COMMAND]}: the same text as {@code steward --help} or {@code steward COMMAND --help}. */
@Command(name = "help", helpCommand = true, mixinStandardHelpOptions = true, description = "Show the help of steward or of one COMMAND.")
public final class HelpCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "COMMAND", description = "the command to describe")
    String command;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.parent().commandLine();
        java.io.PrintWriter out = spec.commandLine().getOut();
        if (command == null) {
            root.usage(out);
            return 0;
        }
        CommandLine sub = root.getSubcommands().get(command);
        if (sub == null) {
            spec.commandLine().getErr().println("steward help: no command '" + command + "'; the commands are: "
                    + String.join(", ", root.getSubcommands().keySet()));
            return 2;
        }
        if (sub.getCommand() instanceof GetoptCommand g) {
            out.print(g.doc().usage());
            out.flush();
        } else {
            sub.usage(out);
        }
        return 0;
    }
}
