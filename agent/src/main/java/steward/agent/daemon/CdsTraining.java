package steward.agent.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import steward.compat.config.SupervisordConf;
import steward.compat.ctl.Ctl;

/**
 * A short in-process run of the daemon's usual path (parse, engine, control socket, a few ctl
 * calls, shutdown), made once by the launcher under {@code -XX:ArchiveClassesAtExit} so that later
 * starts map those classes from a class-data sharing archive instead of loading them.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static int run() throws Exception {
        Path dir = Files.createTempDirectory("steward-cds");
        try {
            Path conf = dir.resolve("supervisord.conf");
            Files.writeString(conf, "[unix_http_server]\nfile=" + dir.resolve("s.sock") + "\n"
                    + "[supervisord]\nlogfile=" + dir.resolve("d.log") + "\npidfile=" + dir.resolve("d.pid")
                    + "\nchildlogdir=" + dir + "\n"
                    + "[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory=supervisor.rpcinterface:make_main_rpcinterface\n"
                    + "[program:a]\ncommand=/bin/sh -c 'echo ready; exec sleep 60'\nstartsecs=0\n"
                    + "[program:b]\ncommand=sleep 60\nstartsecs=0\nnumprocs=2\nprocess_name=%(program_name)s_%(process_num)d\n");
            ConfSource source = new ConfSource(conf, DaemonSettings.none());
            SupervisordConf parsed = source.load();
            Daemon daemon = new Daemon(source, parsed);
            Thread runner = new Thread(() -> {
                try {
                    daemon.run(true);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            runner.start();
            PrintStream sink = new PrintStream(new ByteArrayOutputStream());
            String url = "unix://" + dir.resolve("s.sock");
            for (int i = 0; i < 500 && !Files.exists(dir.resolve("d.pid")); i++) {
                Thread.sleep(10);
            }
            for (List<String> cmd : List.of(List.of("status"), List.of("stop", "all"), List.of("start", "all"),
                    List.of("tail", "a"), List.of("avail"), List.of("pid", "all"), List.of("version"),
                    List.of("shutdown"))) {
                Ctl.run(Stream.concat(Stream.of("-s", url), cmd.stream()).toList(), sink, sink);
            }
            runner.join(30_000);
            return 0;
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
