package steward.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steward completion bash} in a real bash: the script registers itself ({@code complete -p}),
 * and its function completes command names, ctl's options and supervisorctl's actions, and file names
 * for ctl's {@code -c}, as bash would on TAB (COMP_WORDS/COMP_CWORD, then COMPREPLY).
 */
class CompletionTest {
    @TempDir
    Path dir;

    private String complete(Path script, String line) throws Exception {
        String program = "source " + script + "\n"
                + "complete -p steward\n"
                + "COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}\n"
                + "read -r -a COMP_WORDS <<< \"$COMP_LINE\"\n"
                + (line.endsWith(" ") ? "COMP_WORDS+=('')\n" : "")
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "_complete_steward steward \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\" | sort\n";
        // stderr apart: compopt says "not currently executing completion function" outside a real TAB
        Process p = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", program).directory(dir.toFile())
                .redirectError(dir.resolve("bash.err").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void bashCompletesCommandsCtlOptionsActionsAndFiles() throws Exception {
        Path script = dir.resolve("steward.bash");
        Files.writeString(script, CompletionCommand.script(Cli.commandLine()));
        Files.writeString(dir.resolve("supervisord.conf"), "");

        String registered = complete(script, "steward ");
        String first = registered.lines().findFirst().orElse("");
        assertTrue(first.startsWith("complete ") && first.contains(" -F _complete_steward ") && first.endsWith(" steward"),
                registered);
        List<String> top = registered.lines().skip(1).toList();
        assertTrue(top.containsAll(List.of("ctl", "deploy", "help", "run", "supervisord", "up")), top.toString());

        assertEquals(List.of("cron", "crontab"), complete(script, "steward cr").lines().skip(1).toList());
        assertEquals(List.of("--serverurl"), complete(script, "steward ctl --se").lines().skip(1).toList());
        assertEquals(List.of("start", "status", "stop"), complete(script, "steward ctl st").lines().skip(1).toList());
        assertEquals(List.of("supervisord.conf"), complete(script, "steward ctl -c super").lines().skip(1).toList());
        assertTrue(complete(script, "steward deploy --").lines().anyMatch("--rollback"::equals));
    }
}
