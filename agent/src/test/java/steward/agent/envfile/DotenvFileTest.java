package steward.agent.envfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotenvFileTest {
    @TempDir
    Path dir;

    private static Map<String, String> parse(String text) throws DotenvFile.Unreadable {
        Map<String, String> out = new LinkedHashMap<>();
        DotenvFile.parse(text, "f.env", out);
        return out;
    }

    @Test
    void readsTheUsualForms() throws Exception {
        Map<String, String> env = parse("""
                \uFEFF# a comment
                A=1
                export B = two words  # trailing comment
                  C=
                D='single $HOME \\n # kept'
                E="line\\nnext \\"q\\" \\$X"   # comment
                F=a#b
                G=x=y
                A=again
                """);
        assertEquals(Map.of("A", "again", "B", "two words", "C", "", "D", "single $HOME \\n # kept",
                "E", "line\nnext \"q\" $X", "F", "a#b", "G", "x=y"), env);
        assertEquals(List.of("A", "B", "C", "D", "E", "F", "G"), List.copyOf(env.keySet()));
    }

    @Test
    void crlfFilesWork() throws Exception {
        assertEquals(Map.of("A", "1", "B", "2"), parse("A=1\r\nB=2\r\n"));
    }

    @Test
    void badLinesNameFileAndLine() {
        assertEquals("f.env:2: expected KEY=VALUE, got 'not a pair'",
                assertThrows(DotenvFile.Unreadable.class, () -> parse("A=1\nnot a pair\n")).getMessage());
        assertEquals("f.env:1: expected KEY=VALUE, got '1X=2'",
                assertThrows(DotenvFile.Unreadable.class, () -> parse("1X=2")).getMessage());
        assertEquals("f.env:1: A: unterminated \" quote",
                assertThrows(DotenvFile.Unreadable.class, () -> parse("A=\"open")).getMessage());
        assertEquals("f.env:1: A: unexpected text after the closing quote: 'b'",
                assertThrows(DotenvFile.Unreadable.class, () -> parse("A='a' b")).getMessage());
    }

    @Test
    void laterFilesWinAndAMissingFileIsNamed() throws Exception {
        Path a = Files.writeString(dir.resolve("a.env"), "X=1\nY=1\n");
        Path b = Files.writeString(dir.resolve("b.env"), "Y=2\n");
        assertEquals(Map.of("X", "1", "Y", "2"), DotenvFile.read(List.of(a, b)));
        Path missing = dir.resolve("missing.env");
        assertEquals("environment_file " + missing + ": no such file",
                assertThrows(DotenvFile.Unreadable.class, () -> DotenvFile.read(List.of(a, missing))).getMessage());
    }

    /**
     * Issue 24 items 3 and 4: a FIFO (nobody writing), a device that never ends, a directory, an
     * oversized file or bytes that are not UTF-8 are each refused at once, naming the file; the
     * FIFO used to block the caller (the event loop) for good and /dev/zero to run it out of memory.
     */
    @Test
    void onlyBoundedRegularFilesAreReadAndNothingBlocks() throws Exception {
        Path fifo = dir.resolve("fifo.env");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Path big = dir.resolve("big.env");
        Files.write(big, ("A=" + "x".repeat(DotenvFile.MAX_BYTES) + "\n").getBytes(StandardCharsets.US_ASCII));
        Path latin = Files.write(dir.resolve("latin.env"), new byte[] {'A', '=', (byte) 0xe9, '\n'});
        Path exact = dir.resolve("exact.env");
        Files.write(exact, ("A=" + "y".repeat(DotenvFile.MAX_BYTES - 3) + "\n").getBytes(StandardCharsets.US_ASCII));
        Map<Path, String> refused = new LinkedHashMap<>();
        refused.put(fifo, "not a regular file (a FIFO, socket or device)");
        refused.put(Path.of("/dev/zero"), "not a regular file (a FIFO, socket or device)");
        refused.put(Path.of("/dev/stdin"), "not a regular file (a FIFO, socket or device)");
        refused.put(dir, "not a regular file (a directory)");
        refused.put(big, "larger than 1024 KiB");
        refused.put(latin, "not UTF-8 text");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (Map.Entry<Path, String> e : refused.entrySet()) {
                assertEquals("environment_file " + e.getKey() + ": " + e.getValue(), assertThrows(
                        DotenvFile.Unreadable.class, () -> DotenvFile.read(List.of(e.getKey()))).getMessage());
            }
            assertEquals(DotenvFile.MAX_BYTES - 3, DotenvFile.read(List.of(exact)).get("A").length());
        });
    }
}
