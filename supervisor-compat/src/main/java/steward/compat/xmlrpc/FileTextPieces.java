package steward.compat.xmlrpc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;

/**
 * The text of a {@link FileText} in pieces of at most about 200 KB: read 64 KB at a time, decoded as
 * UTF-8 with replacement (a character split between two reads is decoded whole), written as
 * {@link ByteSink#escaped(String)} writes it, so the pieces are exactly what the whole text would be.
 */
public final class FileTextPieces implements AutoCloseable {
    private static final int BLOCK = 64 * 1024;

    private final FileChannel channel;
    private final boolean plain;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer in = ByteBuffer.allocate(BLOCK);
    private final CharBuffer chars = CharBuffer.allocate(BLOCK);
    private final ByteSink sink = new ByteSink(BLOCK);
    private long position;
    private long left;
    private boolean finished;

    /** With {@code plain}, the decoded text as UTF-8 without escaping (for {@link FileText#read()}). */
    FileTextPieces(FileText text, boolean plain) throws IOException {
        this.channel = FileChannel.open(text.file(), StandardOpenOption.READ);
        this.plain = plain;
        this.position = text.position();
        this.left = text.count();
    }

    /** Escaped text as UTF-8. */
    public FileTextPieces(FileText text) throws IOException {
        this(text, false);
    }

    /** The next piece, or null after the last. */
    public byte[] next() throws IOException {
        while (!finished) {
            boolean end = fill();
            in.flip();
            CoderResult r = decoder.decode(in, chars, end);
            in.compact();
            if (end && r.isUnderflow()) {
                decoder.flush(chars);
                finished = true;
            }
            if (chars.position() > 0) {
                chars.flip();
                String s = chars.toString();
                chars.clear();
                if (plain) {
                    return s.getBytes(StandardCharsets.UTF_8);
                }
                sink.reset();
                return sink.escaped(s).toByteArray();
            }
        }
        return null;
    }

    /** Reads while there is room and bytes are left; true once none are (or the file ended early). */
    private boolean fill() throws IOException {
        while (left > 0 && in.hasRemaining()) {
            int limit = in.limit();
            in.limit(in.position() + (int) Math.min(in.remaining(), left));
            int n = channel.read(in, position);
            in.limit(limit);
            if (n <= 0) {
                left = 0;
                break;
            }
            position += n;
            left -= n;
        }
        return left == 0;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // a read-only file: nothing was left unwritten
        }
    }
}
