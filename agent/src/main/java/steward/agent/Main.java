package steward.agent;

import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import steward.agent.cli.StewardCommand;
import steward.agent.cli.SupervisordMain;
import steward.agent.daemon.CdsTraining;

/**
 * Entry point. The long-lived daemon command is parsed getopt-style, as supervisord parses it, so
 * its process never loads picocli; every other command goes through picocli. {@code train-cds}
 * (hidden) is the launcher's recording run for the class-data sharing archive.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("supervisord")) {
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            System.exit(SupervisordMain.run(rest, System.out, System.err));
        }
        if (args.length == 1 && args[0].equals("train-cds")) {
            System.exit(CdsTraining.run());
        }
        System.exit(new CommandLine(new StewardCommand()).execute(args));
    }
}
