package steward.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.builder.BuildRequest;

/**
 * Issue 23 item 2: a failed build step is told once (its output streamed once, one headline), quoted
 * as it ran; with no agent, a release the agent would refuse is refused before {@code current} moves,
 * naming the user's file and line.
 */
class DeployFlowFailuresTest {
    @TempDir
    Path tmp;

    @Test
    void aFailingStepIsPrintedOnceWithTheCommandAsItRan() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.createDirectories(tree.resolve("app"));
        Files.writeString(tree.resolve("dotcloud.yml"), """
                www:
                  type: custom
                  approot: app
                  prebuild: echo 'it broke here' >&2; exit 3
                  process: sleep 100
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = new DeployFlow(tmp.resolve("home"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).deploy(BuildRequest.of(tree), 5);
        String all = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(1, rc, all);
        assertEquals(1, count(all, "\n  it broke here\n"), all);
        assertEquals(1, count(all, "exited with status 3"), all);
        assertEquals("Build failed in prebuild: echo 'it broke here' >&2; exit 3 exited with status 3\n",
                err.toString(StandardCharsets.UTF_8), all);
        assertFalse(all.contains("''"), all);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Nothing was deployed"), all);
    }

    @Test
    void aBadApprootSupervisordConfIsRefusedBeforeCurrentMoves() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(tree.resolve("dotcloud.yml"), "worker:\n  type: ruby-worker\n  approot: .\n"
                + "  processes:\n    main: sleep 100\n");
        Files.writeString(tree.resolve("supervisord.conf"), "[program:extra]\ncommand = sleep 100\nautorestart = perhaps\n");
        Path home = tmp.resolve("home");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = new DeployFlow(home, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), java.util.Optional.of(tmp.resolve("log")))
                .deploy(BuildRequest.of(tree), 5);
        assertEquals(1, rc, out + "\n" + err);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("Error: supervisord.conf:3: [program:extra] autorestart: "),
                err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("Nothing was deployed\n"), out.toString(StandardCharsets.UTF_8));
        assertTrue(Files.notExists(home.resolve("current")));
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
