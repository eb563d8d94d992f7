package steward.compat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CommandLine.split against Python's shlex.split (expected values produced with python3). */
class CommandLineTest {
    static Stream<Arguments> words() {
        return Stream.of(
                Arguments.of("a b", List.of("a", "b")),
                Arguments.of("bash -c 'a ; b'", List.of("bash", "-c", "a ; b")),
                Arguments.of("a \"b c\" d", List.of("a", "b c", "d")),
                Arguments.of("a\\ b", List.of("a b")),
                Arguments.of("\"a\\\"b\"", List.of("a\"b")),
                Arguments.of("'a\\\"b'", List.of("a\\\"b")),
                Arguments.of("\"a\\zb\"", List.of("a\\zb")),
                Arguments.of("\"\"", List.of("")),
                Arguments.of("a#b", List.of("a#b")),
                Arguments.of("  lead  trail  ", List.of("lead", "trail")),
                Arguments.of("a\"b\"c", List.of("abc")),
                Arguments.of("x\ty\nz", List.of("x", "y", "z")),
                Arguments.of("", List.of()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("words")
    void splitsAsShlex(String command, List<String> expected) {
        assertEquals(expected, CommandLine.split(command));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("\"unclosed", "can't parse command '\"unclosed': No closing quotation"),
                Arguments.of("echo 'it", "can't parse command \"echo 'it\": No closing quotation"),
                Arguments.of("x\\", "can't parse command 'x\\\\': No escaped character"),
                Arguments.of("\"x\\", "can't parse command '\"x\\\\': No escaped character"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("errors")
    void unbalancedQuotesGiveSupervisorsSpawnError(String command, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> CommandLine.split(command)).getMessage());
    }
}
