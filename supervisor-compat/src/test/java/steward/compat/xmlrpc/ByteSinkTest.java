package steward.compat.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ByteSinkTest {
    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("plain /tmp/x-stdout---supervisor-ab12cd34.log", "plain /tmp/x-stdout---supervisor-ab12cd34.log"),
                Arguments.of("a<b & c>d", "a&lt;b &amp; c&gt;d"),
                Arguments.of("tab\tnewline\ncr\r", "tab\tnewline\ncr\r"),
                Arguments.of("caf\u00e9 \u20ac \ud83d\ude00 <", "caf\u00e9 \u20ac \ud83d\ude00 &lt;"),
                Arguments.of("bell\u0007 lone\ud800 end", "bell\ufffd lone\ufffd end"),
                Arguments.of("del\u007f", "del\u007f"));
    }

    @ParameterizedTest
    @MethodSource("texts")
    void escapesAsPythonAndEncodesUtf8(String input, String expected) {
        ByteSink sink = new ByteSink(4);
        sink.escaped(input);
        assertEquals(expected, new String(sink.toByteArray(), StandardCharsets.UTF_8));
    }

    @Test
    void decimalsAndReuse() {
        ByteSink sink = new ByteSink(1);
        sink.decimal(0).ascii(' ').decimal(-42).ascii(' ').decimal(Long.MIN_VALUE).ascii(' ').decimal(2147483647);
        assertEquals("0 -42 -9223372036854775808 2147483647", new String(sink.toByteArray(), StandardCharsets.US_ASCII));
        sink.reset();
        assertEquals(0, sink.length());
    }

    @Test
    void rawXmlIsCopiedVerbatimWhereTheValueWouldBe() {
        Object value = List.of(Map.of("name", "a<b"), 7, true);
        byte[] direct = XmlRpcWriter.response(value);
        byte[] viaRaw = XmlRpcWriter.response(XmlRpcWriter.encode(value));
        assertArrayEquals(direct, viaRaw);
    }
}
