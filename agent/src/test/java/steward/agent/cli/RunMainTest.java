package steward.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code steward run --drain-delay}: a whole number of seconds, 0 or more; the help names it and its default. */
class RunMainTest {
    private static String[] run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RunMain.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void aDrainDelayThatIsNotWholeNonNegativeSecondsIsAUsageError() throws Exception {
        for (String bad : List.of("-1", "2.5", "soon", "")) {
            String[] r = run("--drain-delay", bad);
            assertEquals("2", r[0], bad);
            assertTrue(r[2].startsWith("steward run: --drain-delay: not a whole number of seconds >= 0: " + bad + "\n"),
                    r[2]);
        }
    }

    @Test
    void theHelpNamesTheDrainDelayAndItsDefault() throws Exception {
        String[] r = run("--help");
        assertEquals("0", r[0]);
        assertTrue(r[1].contains("--drain-delay S") && r[1].contains("(default 5; 0: stop at once)"), r[1]);
        assertTrue(r[1].contains("liveness (/livez), startup (/startupz)"), r[1]);
    }
}
