package steward.agent;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import steward.agent.cli.CdsTraining;
import steward.agent.cli.Cli;
import steward.agent.cli.CtlMain;
import steward.agent.cli.RunMain;
import steward.agent.cli.SupervisordMain;

/**
 * Entry point. The two long-lived daemon commands, {@code supervisord} and {@code run}, are parsed
 * getopt-style (as supervisord parses its own), so the processes every container pays for never load
 * picocli (3.2 MB of RSS, measured); so is {@code ctl}, which should start as fast as supervisorctl.
 * Every other command goes through picocli ({@link Cli}). {@code train-cds
 * supervisord|run} (hidden) is the launcher's recording run for the class-data sharing archive or AOT cache.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line with its output on {@code out} and {@code err}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        String first = args.length > 0 ? args[0] : "";
        switch (first) {
            case "supervisord":
                return SupervisordMain.run(rest(args), out, err);
            case "run":
                return RunMain.run(rest(args), out, err);
            case "ctl":
                return CtlMain.run(rest(args), out, err);
            case "train-cds":
                if (args.length == 2) {
                    return CdsTraining.run(args[1]);
                }
                break;
            default:
                break;
        }
        return Cli.execute(args, out, err);
    }

    private static List<String> rest(String[] args) {
        return Arrays.asList(args).subList(1, args.length);
    }
}
