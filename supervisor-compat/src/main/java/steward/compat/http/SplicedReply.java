package steward.compat.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import steward.compat.xmlrpc.ByteSink;
import steward.compat.xmlrpc.FileTextPieces;

/**
 * The body of an XML-RPC reply that carries log text ({@link steward.compat.xmlrpc.FileText}): the
 * XML written around it, with each file's escaped text read into its place piece by piece as the
 * socket takes it, on the selector thread. Its length is known beforehand (the files were read
 * through once for the Content-Length); a file that changed in between, so that the bytes no longer
 * match that length, ends the reply with an error and the connection is closed.
 */
final class SplicedReply implements AutoCloseable {
    private final byte[] xml;
    private final List<ByteSink.Deferred> files;
    private final long length;
    private int nextFile;
    private int xmlAt;
    private FileTextPieces pieces;
    private long sent;

    private SplicedReply(byte[] xml, List<ByteSink.Deferred> files, long length) {
        this.xml = xml;
        this.files = files;
        this.length = length;
    }

    /** On the worker: the reply in {@code sink}, with the files it deferred measured. */
    static SplicedReply of(ByteSink sink) throws IOException {
        List<ByteSink.Deferred> files = sink.deferred();
        long length = sink.length();
        for (ByteSink.Deferred d : files) {
            length += d.text().escapedLength();
        }
        return new SplicedReply(sink.toByteArray(), files, length);
    }

    long length() {
        return length;
    }

    /** The next piece of the body, or null at its end. */
    ByteBuffer next() throws IOException {
        while (true) {
            if (pieces != null) {
                byte[] piece = pieces.next();
                if (piece != null) {
                    return count(ByteBuffer.wrap(piece));
                }
                pieces.close();
                pieces = null;
            }
            int until = nextFile < files.size() ? files.get(nextFile).at() : xml.length;
            if (xmlAt < until) {
                ByteBuffer b = ByteBuffer.wrap(Arrays.copyOfRange(xml, xmlAt, until));
                xmlAt = until;
                return count(b);
            }
            if (nextFile == files.size()) {
                if (sent != length) {
                    throw new IOException("a log changed while it was sent: " + sent + " of " + length + " bytes");
                }
                return null;
            }
            pieces = new FileTextPieces(files.get(nextFile++).text());
        }
    }

    private ByteBuffer count(ByteBuffer b) throws IOException {
        sent += b.remaining();
        if (sent > length) {
            throw new IOException("a log changed while it was sent: more than the " + length + " bytes announced");
        }
        return b;
    }

    @Override
    public void close() {
        if (pieces != null) {
            pieces.close();
            pieces = null;
        }
    }
}
