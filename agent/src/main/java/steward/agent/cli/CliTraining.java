package steward.agent.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import steward.compat.ctl.Ctl;

/**
 * The short commands' recording run ({@code train-cds cli}): a real {@code steward supervisord} in a
 * child process (so none of the daemon's classes are recorded here), then what {@code steward ctl}
 * does against it (status, pid, version, avail, a tail, the help), and picocli's help and version
 * for {@code steward --help}, {@code logs -h} and the like; then ctl's shutdown stops the daemon.
 */
final class CliTraining {
    private static final List<List<String>> CALLS = List.of(List.of("status"), List.of("status", "a"),
            List.of("pid"), List.of("pid", "a"), List.of("version"), List.of("avail"), List.of("tail", "a"),
            List.of("help"), List.of("stop", "a"), List.of("start", "a"), List.of("status", "--json"));

    private CliTraining() {
    }

    static void run(Path conf, Path sock, PrintStream quiet) throws Exception {
        Process daemon = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "steward.agent.Main", "supervisord", "-n", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            for (int i = 0; i < 3000 && !CdsTraining.answers(sock) && daemon.isAlive(); i++) {
                Thread.sleep(10);
            }
            for (int round = 0; round < 3; round++) {
                for (List<String> call : CALLS) {
                    CtlMain.run(concat(List.of("-c", conf.toString()), call), quiet, quiet);
                }
            }
            Ctl.run(List.of("-h"), quiet, quiet);
            Ctl.run(List.of("-x"), quiet, quiet);
            for (String[] args : List.of(new String[] {"--help"}, new String[] {"--version"}, new String[] {"logs", "-h"},
                    new String[] {"help", "ctl"}, new String[] {})) {
                Cli.execute(args, quiet, quiet);
            }
            Ctl.run(List.of("-c", conf.toString(), "shutdown"), quiet, quiet);
            daemon.waitFor(20, TimeUnit.SECONDS);
        } finally {
            daemon.destroyForcibly();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
