package steward.compat.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** JsonWriter output equals Python's json.dumps(v, separators=(',', ':'), ensure_ascii=False). */
class JsonWriterTest {
    static Stream<Arguments> values() {
        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("b", 1);
        obj.put("a", Arrays.asList(true, null, "x"));
        return Stream.of(
                Arguments.of(null, "null"),
                Arguments.of(true, "true"),
                Arguments.of(42, "42"),
                Arguments.of(-7L, "-7"),
                Arguments.of(1.5, "1.5"),
                Arguments.of(2.0, "2.0"),
                Arguments.of("plain", "\"plain\""),
                Arguments.of("q\"b\\n\nr\rt\tb\bf\f", "\"q\\\"b\\\\n\\nr\\rt\\tb\\bf\\f\""),
                Arguments.of("\u0001\u001f\u007f\u00e9\u20ac", "\"\\u0001\\u001f\u007f\u00e9\u20ac\""),
                Arguments.of(List.of(), "[]"),
                Arguments.of(Map.of(), "{}"),
                Arguments.of(obj, "{\"b\":1,\"a\":[true,null,\"x\"]}"),
                Arguments.of(List.of(Map.of("k", List.of(1, 2))), "[{\"k\":[1,2]}]"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("values")
    void writesJson(Object value, String expected) {
        assertEquals(expected, JsonWriter.write(value));
    }

    /** The builder's files (environment.json, deploy --check --json): indented, line separators escaped. */
    @Test
    void prettyIndentsByTwoAndEscapesLineSeparators() {
        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("PORT_WWW", "8080");
        obj.put("list", List.of(1, Map.of(), List.of(), Map.of("k", "a\u2028b\u2029c")));
        assertEquals("""
                {
                  "PORT_WWW": "8080",
                  "list": [
                    1,
                    {},
                    [],
                    {
                      "k": "a\\u2028b\\u2029c"
                    }
                  ]
                }""", JsonWriter.pretty(obj));
        assertEquals("{}", JsonWriter.pretty(Map.of()));
        assertEquals("\"a\u2028b\"", JsonWriter.write("a\u2028b"), "compact output keeps them, as Python's json.dumps");
    }
}
