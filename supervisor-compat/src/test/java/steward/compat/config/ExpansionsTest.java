package steward.compat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Expansions.expand against supervisor.options.expand (expected values produced with python3). */
class ExpansionsTest {
    private static final Map<String, Object> NAMES = names();

    private static Map<String, Object> names() {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("program_name", "web");
        n.put("process_num", 3);
        n.put("here", "/etc");
        return n;
    }

    static Stream<Arguments> expansions() {
        return Stream.of(
                Arguments.of("%(program_name)s", "web"),
                Arguments.of("%(process_num)02d", "03"),
                Arguments.of("%(process_num)d-%(program_name)s", "3-web"),
                Arguments.of("100%%", "100%"),
                Arguments.of("%(process_num)5s", "    3"),
                Arguments.of("%(process_num)-4d|", "3   |"),
                Arguments.of("a%(process_num)x", "a3"),
                Arguments.of("%(here)s/x", "/etc/x"),
                Arguments.of("plain", "plain"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("expansions")
    void expandsAsPython(String template, String expected) {
        assertEquals(expected, Expansions.expand(template, NAMES, "program:web.command"));
    }

    static Stream<Arguments> errors() {
        String prefix = "Format string ";
        return Stream.of(
                Arguments.of("%(nope)s", prefix + "'%(nope)s' for 'program:web.command' contains names ('nope') "
                        + "which cannot be expanded. Available names: here, process_num, program_name"),
                Arguments.of("%(program_name)d", prefix + "'%(program_name)d' for 'program:web.command' is badly "
                        + "formatted: %d format: a real number is required, not str"),
                Arguments.of("100%", prefix + "'100%' for 'program:web.command' is badly formatted: incomplete format"),
                Arguments.of("%(program_name", prefix + "'%(program_name' for 'program:web.command' is badly "
                        + "formatted: incomplete format key"),
                Arguments.of("%(program_name)q", prefix + "'%(program_name)q' for 'program:web.command' is badly "
                        + "formatted: unsupported format character 'q' (0x71) at index 15"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("errors")
    void errorsCarrySupervisorsText(String template, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> Expansions.expand(template, NAMES, "program:web.command")).getMessage());
    }
}
