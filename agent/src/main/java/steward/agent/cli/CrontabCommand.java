package steward.agent.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import steward.agent.cron.CrontabShim;

/**
 * {@code steward crontab FILE|-|-l|-r}: cron's crontab command for the service's crontab
 * ({@code $STEWARD_CRONTAB}, else {@code $HOME/.steward/crontab}). The {@code crontab} shim on the
 * PATH of hooks and programs execs this, so a dotCloud postinstall's {@code crontab FILE} works.
 */
@Command(name = "crontab", mixinStandardHelpOptions = true, description = "Install (FILE or - for stdin), list (-l) or remove (-r) the service's crontab.")
public final class CrontabCommand implements Callable<Integer> {
    @Option(names = "-l", description = "print the installed crontab")
    boolean list;

    @Option(names = "-r", description = "remove the installed crontab")
    boolean remove;

    @Option(names = "-e", description = "not supported (edit a file, then crontab FILE)")
    boolean edit;

    @Option(names = "-u", paramLabel = "USER", description = "accepted and ignored: a service has one crontab")
    String user;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "the crontab to install; - reads stdin")
    String file;

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>();
        if (list) {
            args.add("-l");
        }
        if (remove) {
            args.add("-r");
        }
        if (edit) {
            args.add("-e");
        }
        if (file != null) {
            args.add(file);
        }
        return new CrontabShim(CrontabShim.location(System.getenv()), System.out, System.err).run(args, System.in);
    }
}
