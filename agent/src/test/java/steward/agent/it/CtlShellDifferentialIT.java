package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.compat.ctl.Ctl;

/**
 * The shell: the same lines piped into Debian's supervisorctl against supervisord 4.2.5 and into
 * {@code steward ctl} (no command) against {@code steward supervisord}, each on the same conf: the
 * masked transcripts (prompts, status first, every command's output, help texts, unknown syntax,
 * open, fg's errors, quit or end of input, exit status) must be equal.
 */
class CtlShellDifferentialIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SCRIPT = String.join("\n", "status talker", "tail talker", "tail talker stderr", "stop talker", "stop talker", "",
            "?stop", "bogus cmd", "  start   talker  ", "status-x", "help", "help nosuch", "help help", "help EOF",
            "open foo", "open unix://SOCK", "fg", "fg nosuch", "fg grp:gb",
            "fg a b", "pid nosuch", "stop grp:*", "status", "avail", "version x", "signal", "!ls", "")
            + "\n";

    @TempDir
    Path dir;

    @Test
    void pipedLinesPrintWhatSupervisorctlPrints() throws Exception {
        SupervisorctlDifferentialIT.require("/usr/bin/supervisord");
        SupervisorctlDifferentialIT.require(Supervisorctl.SUPERVISORCTL);
        for (String ending : List.of("", "quit\nstatus\n")) {
            String script = SCRIPT + ending;
            String expected = run(List.of("/usr/bin/supervisord", "-n", "-c"), List.of(Supervisorctl.SUPERVISORCTL, "-c"),
                    Files.createDirectories(dir.resolve("supervisord" + ending.length())), script);
            String actual = run(List.of(Steward.BIN.toString(), "supervisord", "-n", "-c"),
                    List.of(Steward.BIN.toString(), "ctl", "-c"),
                    Files.createDirectories(dir.resolve("steward" + ending.length())), script);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "shell-transcript-supervisord.txt"), expected);
            Files.writeString(Path.of("target", "shell-transcript-steward.txt"), actual);
            assertEquals(expected, actual);
        }
    }

    private static String run(List<String> daemon, List<String> client, Path dir, String script) throws Exception {
        Path sock = dir.resolve("s.sock");
        Path conf = dir.resolve("supervisord.conf");
        Files.writeString(conf, Supervisorctl.confHead(dir)
                + "[program:talker]\ncommand=/bin/sh -c \"echo hello-out; echo hello-err >&2; exec sleep 1000\"\n"
                + "startsecs=0\n\n[program:ga]\ncommand=sleep 1001\nstartsecs=0\n\n"
                + "[program:gb]\ncommand=sleep 1002\nstartsecs=0\nautostart=false\n\n[group:grp]\nprograms=ga,gb\n");
        List<String> cmd = new ArrayList<>(daemon);
        cmd.add(conf.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("daemon.out").toFile());
        pb.environment().put("STEWARD_NO_BUILD", "1");
        Process d = pb.start();
        try {
            await().atMost(WAIT).until(() -> status(conf).contains("grp:ga") && status(conf).contains("talker")
                    && !status(conf).contains("STARTING"));
            List<String> c = new ArrayList<>(client);
            c.add(conf.toString());
            ProcessBuilder cp = new ProcessBuilder(c).redirectErrorStream(true);
            cp.environment().put("STEWARD_NO_BUILD", "1");
            cp.environment().put("LC_ALL", "C.UTF-8");
            Process p = cp.start();
            p.getOutputStream().write(script.replace("SOCK", sock.toString()).getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the shell did not end: " + out);
            }
            Transcript t = new Transcript(dir.toString());
            t.add(new Transcript.Entry("(shell)", out, "", p.exitValue()));
            return t.masked().get(0).toString();
        } finally {
            d.destroy();
            if (!d.waitFor(30, TimeUnit.SECONDS)) {
                d.destroyForcibly();
            }
        }
    }

    static String status(Path conf) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Ctl.run(List.of("-c", conf.toString(), "status"), ps, ps);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
