package steward.agent;

import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import steward.agent.cli.CdsTraining;
import steward.agent.cli.RunMain;
import steward.agent.cli.StewardCommand;
import steward.agent.cli.SupervisordMain;

/**
 * Entry point. The two long-lived daemon commands, {@code supervisord} and {@code run}, are parsed
 * getopt-style (as supervisord parses its own), so the processes every container pays for never load
 * picocli (3.2 MB of RSS, measured); every other command goes through picocli. {@code train-cds
 * supervisord|run} (hidden) is the launcher's recording run for the class-data sharing archive or AOT cache.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("supervisord")) {
            System.exit(SupervisordMain.run(rest(args), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("run")) {
            System.exit(RunMain.run(rest(args), System.out, System.err));
        }
        if (args.length == 2 && args[0].equals("train-cds")) {
            System.exit(CdsTraining.run(args[1]));
        }
        System.exit(new CommandLine(new StewardCommand()).execute(args));
    }

    private static List<String> rest(String[] args) {
        return Arrays.asList(args).subList(1, args.length);
    }
}
