package steward.compat.events;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Python 3's view of bytes that Supervisor's payloads depend on: strict UTF-8 decoding and {@code repr()}. */
final class PyBytes {
    private PyBytes() {
    }

    /** {@code data.decode('utf-8')}, or empty when Python would raise UnicodeDecodeError. */
    static Optional<String> decode(byte[] data) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Supervisor's {@code as_string} fallback: the text, or {@code Undecodable: b'...'}. */
    static String asStringOrUndecodable(byte[] data) {
        return decode(data).orElseGet(() -> "Undecodable: " + repr(data));
    }

    /** Python's {@code repr()} of a bytes object: {@code b'...'}, double quotes when only they avoid escaping. */
    static String repr(byte[] data) {
        boolean single = false;
        boolean dbl = false;
        for (byte b : data) {
            single |= b == '\'';
            dbl |= b == '"';
        }
        char quote = single && !dbl ? '"' : '\'';
        StringBuilder s = new StringBuilder(data.length + 3).append('b').append(quote);
        for (byte b : data) {
            int c = b & 0xff;
            if (c == quote || c == '\\') {
                s.append('\\').append((char) c);
            } else if (c == '\t') {
                s.append("\\t");
            } else if (c == '\n') {
                s.append("\\n");
            } else if (c == '\r') {
                s.append("\\r");
            } else if (c < 0x20 || c >= 0x7f) {
                s.append(String.format("\\x%02x", c));
            } else {
                s.append((char) c);
            }
        }
        return s.append(quote).toString();
    }
}
