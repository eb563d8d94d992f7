package steward.agent.cli;

import picocli.CommandLine.Command;

/** The {@code steward} command and its subcommands. */
@Command(name = "steward", mixinStandardHelpOptions = true, version = "steward 0.1.0",
        description = "Build-and-run agent for PaaS service containers; a drop-in supervisord.",
        subcommands = {SupervisordCommand.class, CtlCommand.class})
public final class StewardCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
