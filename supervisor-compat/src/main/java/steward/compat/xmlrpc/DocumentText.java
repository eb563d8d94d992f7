package steward.compat.xmlrpc;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The characters of an XML document: decoded here, strictly, in the encoding its declaration names
 * (UTF-8 by default, UTF-16 with its byte-order mark), so that malformed bytes are an
 * {@link XmlRpcException} for the client. Left to the JDK's parser they also print a
 * {@code [Fatal Error]} line on the daemon's stderr.
 */
final class DocumentText {
    private static final Pattern ENCODING = Pattern.compile("^<\\?xml[^>]*?\\sencoding\\s*=\\s*['\"]([A-Za-z0-9._:-]+)['\"]");

    private DocumentText() {
    }

    static String decode(byte[] body) throws XmlRpcException {
        Charset cs = StandardCharsets.UTF_8;
        int skip = 0;
        if (body.length >= 2 && (body[0] == (byte) 0xFE && body[1] == (byte) 0xFF || body[0] == (byte) 0xFF && body[1] == (byte) 0xFE)) {
            cs = StandardCharsets.UTF_16;
        } else {
            if (body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF) {
                skip = 3;
            }
            String start = new String(body, skip, Math.min(body.length - skip, 200), StandardCharsets.ISO_8859_1);
            Matcher m = ENCODING.matcher(start);
            if (m.find()) {
                try {
                    cs = Charset.forName(m.group(1));
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new XmlRpcException("unknown encoding '" + m.group(1) + "'");
                }
            }
        }
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body, skip, body.length - skip)).toString();
        } catch (CharacterCodingException e) {
            throw new XmlRpcException("body is not valid " + cs.name());
        }
    }
}
