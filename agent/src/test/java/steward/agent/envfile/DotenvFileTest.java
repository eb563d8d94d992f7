package steward.agent.envfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
