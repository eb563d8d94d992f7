package steward.agent;

import picocli.CommandLine;
import steward.agent.cli.StewardCommand;

/** Entry point: hands argv to picocli. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new StewardCommand()).execute(args));
    }
}
