package steward.compat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RawConfigParser rules as Supervisor configures them (values checked with python3's configparser). */
class IniReaderTest {
    @TempDir
    Path dir;

    private IniReader read(String text, List<String> warnings) throws IOException, ConfError {
        Path file = dir.resolve("t.conf");
        Files.writeString(file, text);
        IniReader ini = new IniReader(warnings);
        ini.read(file);
        return ini;
    }

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("k=v", "v"),
                Arguments.of("k = v ", "v"),
                Arguments.of("k: v", "v"),
                Arguments.of("K=upper key", "upper key"),
                Arguments.of("k=a=b:c", "a=b:c"),
                Arguments.of("k:a=b", "a=b"),
                Arguments.of("k=bash -c 'a ; b'", "bash -c 'a"),
                Arguments.of("k=a;b", "a;b"),
                Arguments.of("k=a#b #c", "a#b"),
                Arguments.of("k=a\t# tab", "a"),
                Arguments.of("k=a#b #c ;d", "a#b #c"),
                Arguments.of("k=first\n  second\n\tthird", "first\nsecond\nthird"),
                Arguments.of("k=first\n\n  second", "first\n\nsecond"),
                Arguments.of("k=first\n  ; comment\n  second", "first\nsecond"),
                Arguments.of("k=first\n  second ; c\n\n", "first\nsecond"),
                Arguments.of("k=", ""),
                Arguments.of("k=1\nk=2", "2"),
                Arguments.of("\u00a0\u2028k=v\r", "v"),
                Arguments.of("k=first\r\n  second\r\n", "first\nsecond"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("values")
    void readsValuesAsConfigParser(String body, String expected) throws Exception {
        IniReader ini = read("[s]\n" + body + "\n", new ArrayList<>());
        assertEquals(Optional.of(expected), ini.get("s", "k").map(IniReader.Entry::value));
    }

    @Test
    void keepsFileAndLineOfEveryKey() throws Exception {
        IniReader ini = read("; c\n[s]\n\na = 1\nb = 2\n  more\n", new ArrayList<>());
        assertEquals(4, ini.get("s", "a").orElseThrow().line());
        assertEquals(5, ini.get("s", "b").orElseThrow().line());
        assertEquals(dir.resolve("t.conf"), ini.get("s", "b").orElseThrow().file());
        assertEquals(2, ini.section("s").orElseThrow().line());
    }

    @Test
    void sectionNamesAreCaseSensitiveAndDuplicatesMergeWithAWarning() throws Exception {
        List<String> warnings = new ArrayList<>();
        IniReader ini = read("[S]\na=1\n[s]\na=2\nb=1\n[s]\nb=2\n", warnings);
        assertEquals(List.of("S", "s"), ini.sectionNames());
        assertEquals("1", ini.get("S", "a").orElseThrow().value());
        assertEquals("2", ini.get("s", "a").orElseThrow().value());
        assertEquals("2", ini.get("s", "b").orElseThrow().value());
        assertEquals(List.of(dir.resolve("t.conf") + ":6: duplicate section [s] merged into the one at "
                + dir.resolve("t.conf") + ":3 (later keys win)"), warnings);
    }

    @Test
    void defaultSectionIsInherited() throws Exception {
        IniReader ini = read("[DEFAULT]\nx=d\n[s]\ny=1\n", new ArrayList<>());
        assertEquals(List.of("s"), ini.sectionNames());
        assertEquals("d", ini.get("s", "x").orElseThrow().value());
    }

    @Test
    void headerTakesTextUpToTheLastBracket() throws Exception {
        IniReader ini = read("[a]b] trailing\nk=v\n", new ArrayList<>());
        assertEquals(List.of("a]b"), ini.sectionNames());
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("k=v\n", ":1: file contains no section headers: 'k=v'"),
                Arguments.of("[s]\nno delimiter\n", ":2: [s] parsing error: 'no delimiter'"),
                Arguments.of("[s]\n=v\n", ":2: [s] parsing error: '=v'"),
                Arguments.of("\uFEFF; comment\n[s]\n", ":1: file contains no section headers: '\\ufeff; comment' (a UTF-8 "
                        + "byte order mark: supervisord refuses it too; save the file without it)"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("errors")
    void syntaxErrorsAreLocated(String text, String suffix) {
        ConfError e = assertThrows(ConfError.class, () -> read(text, new ArrayList<>()));
        assertEquals(dir.resolve("t.conf") + suffix, e.getMessage());
    }

    @Test
    void readsCrLfAndLoneCr() throws Exception {
        IniReader ini = read("[s]\r\na=1\rb=2\r\n", new ArrayList<>());
        assertEquals("1", ini.get("s", "a").orElseThrow().value());
        assertEquals(3, ini.get("s", "b").orElseThrow().line());
    }
}
