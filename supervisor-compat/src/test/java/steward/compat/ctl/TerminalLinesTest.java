package steward.compat.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 24 item 13: the line editor writes what a key changes, not the whole line per key. A
 * 20,000-character paste wrote about 200 MB to the terminal (supervisorctl's readline: about 40 KB).
 */
class TerminalLinesTest {
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    private String edit(String keys) throws Exception {
        PrintStream out = new PrintStream(written, true, StandardCharsets.UTF_8);
        TerminalLines editor = new TerminalLines(new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), out,
                Optional.empty(), new Completion(new Shell("unix:///nonexistent", null, null, out)), "");
        return editor.edit("supervisor> ", false);
    }

    @Test
    void aLongPasteWritesLinearlyManyBytes() throws Exception {
        String paste = "x".repeat(20_000);
        assertEquals(paste, edit(paste + "\r"));
        assertTrue(written.size() < 3 * 20_000, written.size() + " bytes written for a 20,000-character paste");
    }

    @Test
    void insertingAndDeletingMidLineStillShowsTheLine() throws Exception {
        // "abd", Left, "c" -> "abcd"; End, Backspace -> "abc"; Left x2, Delete -> "ac"
        assertEquals("", new TerminalLinesTest().edit("\033[C\033[D\177\r"), "arrows and Backspace on an empty line");
        assertEquals("ac", edit("abd\033[Dc\033[F\177\033[D\033[D\033[3~\r"));
        String screen = written.toString(StandardCharsets.UTF_8);
        assertTrue(screen.startsWith("supervisor> abd"), screen);
        assertTrue(screen.contains("\033[1DcD\033[1D") || screen.contains("cd\033[1D"), screen);
        assertTrue(screen.endsWith("\r\n"), screen);
    }

    @Test
    void nonAsciiAndBackspaceAtTheEndAreWrittenInPlace() throws Exception {
        assertEquals("h\u00e9\uD83D\uDE80", edit("h\u00e9\uD83D\uDE80!\177\r"));
        assertEquals("supervisor> h\u00e9\uD83D\uDE80!\b \b\r\n", written.toString(StandardCharsets.UTF_8));
    }
}
