package steward.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code /usr/bin/supervisorctl}, run with {@code -c conf}, its output captured to files. */
final class Supervisorctl {
    static final String SUPERVISORCTL = "/usr/bin/supervisorctl";

    private final Path conf;
    private final Path scratch;

    /**
     * The sections every differential conf starts with: the control socket {@code dir/s.sock}, the
     * daemon's log and pidfile in {@code dir}, the RPC interface, and supervisorctl's serverurl.
     */
    static String confHead(Path dir) {
        Path sock = dir.resolve("s.sock");
        return "[unix_http_server]\nfile=" + sock + "\n\n[supervisord]\nlogfile=" + dir.resolve("sd.log")
                + "\npidfile=" + dir.resolve("sd.pid") + "\nchildlogdir=" + dir + "\n\n[rpcinterface:supervisor]\n"
                + "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n"
                + "[supervisorctl]\nserverurl=unix://" + sock + "\n\n";
    }

    Supervisorctl(Path conf, Path scratch) {
        this.conf = conf;
        this.scratch = scratch;
    }

    /** Runs one command to completion. */
    Transcript.Entry run(String command) throws IOException, InterruptedException {
        try (Running r = start(command)) {
            if (!r.process.waitFor(120, TimeUnit.SECONDS)) {
                throw new AssertionError("supervisorctl " + command + " did not finish");
            }
            return r.entry();
        }
    }

    /** Starts a command that runs until stopped ({@code tail -f}). */
    Running start(String command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(SUPERVISORCTL, "-c", conf.toString()));
        cmd.addAll(List.of(command.split(" ")));
        Path out = Files.createTempFile(scratch, "ctl", ".out");
        Path err = Files.createTempFile(scratch, "ctl", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("LC_ALL", "C.UTF-8");
        return new Running(command, pb.start(), out, err);
    }

    /** A started supervisorctl. */
    record Running(String command, Process process, Path out, Path err) implements AutoCloseable {
        String stdout() throws IOException {
            return Files.readString(out);
        }

        /** What it printed so far, and its exit status once ended. */
        Transcript.Entry entry() throws IOException {
            return new Transcript.Entry(command, Files.readString(out), Files.readString(err), process.exitValue());
        }

        /** Ends it with SIGTERM (a disconnect) and returns what it printed. */
        Transcript.Entry stop() throws IOException, InterruptedException {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            return entry();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
