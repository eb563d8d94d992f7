package steward.compat.xmlrpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A stretch of a file that an XML-RPC reply carries as a string without holding it: {@code count}
 * bytes from {@code position}, decoded as UTF-8 with replacement and escaped as any string is. The
 * control server streams it to the socket ({@link ByteSink#deferringFiles()}); elsewhere it is
 * read whole ({@link #read()}). A file shorter than announced by then gives what it has.
 */
public record FileText(Path file, long position, long count) {
    /** The text, read whole (for callers that need a String: the web page, tests). */
    public String read() {
        StringBuilder text = new StringBuilder();
        try (FileTextPieces pieces = new FileTextPieces(this, true)) {
            for (byte[] piece; (piece = pieces.next()) != null; ) {
                text.append(new String(piece, java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** How many bytes the escaped text is (the file is read through once). */
    public long escapedLength() throws IOException {
        long n = 0;
        try (FileTextPieces pieces = new FileTextPieces(this, false)) {
            for (byte[] piece; (piece = pieces.next()) != null; ) {
                n += piece.length;
            }
        }
        return n;
    }
}
