package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * {@code steward ctl} on a real terminal (a tmux pane, driven with send-keys, read with
 * capture-pane): the prompt, completion of commands and process names, history with the arrows
 * (kept in {@code history_file} across sessions), Ctrl-D to leave.
 */
class CtlShellTerminalIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private String session;

    @Test
    void editsCompletesAndRemembersLines() throws Exception {
        SupervisorctlDifferentialIT.require("/usr/bin/tmux");
        Path sock = dir.resolve("s.sock");
        Path conf = dir.resolve("supervisord.conf");
        Path history = dir.resolve("history");
        Files.writeString(conf, "[unix_http_server]\nfile=" + sock + "\n\n[supervisord]\nlogfile=" + dir.resolve("sd.log")
                + "\npidfile=" + dir.resolve("sd.pid") + "\nchildlogdir=" + dir + "\n\n[supervisorctl]\nserverurl=unix://"
                + sock + "\nhistory_file=" + history + "\n\n[program:talker]\ncommand=sleep 1000\nstartsecs=0\n\n"
                + "[program:ga]\ncommand=sleep 1001\nstartsecs=0\n\n[program:gb]\ncommand=sleep 1002\nstartsecs=0\n\n"
                + "[group:grp]\nprograms=ga,gb\n");
        session = "steward-ctl-" + ProcessHandle.current().pid();
        Path out = Files.createDirectories(dir.resolve("daemon"));
        try (Steward daemon = Steward.start(out, "supervisord", "-n", "-c", conf.toString())) {
            await().atMost(WAIT).until(() -> status(conf).contains("talker") && !status(conf).contains("STARTING"));
            tmux("new-session", "-d", "-s", session, "-x", "150", "-y", "40",
                    "STEWARD_NO_BUILD=1 " + Steward.BIN + " ctl -c " + conf + "; echo \"EXITED $?\"; sleep 60");
            awaitLastLine("supervisor> ");
            assertTrue(screen().contains("talker                           RUNNING"), screen());

            keys("stat", "Tab");
            awaitLastLine("supervisor> status ");
            keys("tal", "Tab");
            awaitLastLine("supervisor> status talker ");
            keys("Enter");
            await().atMost(WAIT).until(() -> screen().contains("talker                           RUNNING   pid"));
            awaitLastLine("supervisor> ");

            keys("stop g", "Tab");
            awaitLastLine("supervisor> stop grp:");
            keys("Tab", "Tab");
            await().atMost(WAIT).until(() -> screen().contains("grp:ga grp:* grp:gb"));
            keys("C-u", "st", "Tab", "Tab");
            await().atMost(WAIT).until(() -> screen().contains("start status stop"));
            keys("C-u", "pid", "Enter");
            awaitLastLine("supervisor> ");
            keys("Up", "Up");
            awaitLastLine("supervisor> status talker ");
            keys("Down");
            awaitLastLine("supervisor> pid");
            keys("Left", "Left", "Left", "x", "End", "y");
            awaitLastLine("supervisor> xpidy");
            keys("C-u", "C-d");
            await().atMost(WAIT).until(() -> screen().contains("EXITED 0"));
            assertEquals(List.of("status talker ", "pid"), Files.readAllLines(history));

            // a new session starts with the saved history
            tmux("kill-session", "-t", session);
            tmux("new-session", "-d", "-s", session, "-x", "150", "-y", "40",
                    "STEWARD_NO_BUILD=1 " + Steward.BIN + " ctl -c " + conf + "; echo \"EXITED $?\"; sleep 60");
            awaitLastLine("supervisor> ");
            keys("Up");
            awaitLastLine("supervisor> pid");
            keys("C-c");
            await().atMost(WAIT).until(() -> screen().contains("EXITED 0"));
        } finally {
            tmuxQuietly("kill-session", "-t", session);
        }
    }

    private void keys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    private String screen() throws Exception {
        return tmux("capture-pane", "-p", "-t", session);
    }

    private void awaitLastLine(String expected) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            List<String> lines = screen().lines().filter(l -> !l.isEmpty()).toList();
            return !lines.isEmpty() && lines.get(lines.size() - 1).equals(expected.stripTrailing());
        });
    }

    private static String tmux(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("tmux " + String.join(" ", args) + ": " + out);
        }
        return out;
    }

    private static void tmuxQuietly(String... args) {
        try {
            tmux(args);
        } catch (Exception | AssertionError e) {
            // already gone
        }
    }

    private static String status(Path conf) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Ctl.run(List.of("-c", conf.toString(), "status"), ps, ps);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
