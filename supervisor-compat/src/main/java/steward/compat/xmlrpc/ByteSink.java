package steward.compat.xmlrpc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A growable byte array that XML is written straight into: ASCII goes in byte by byte, anything
 * else as UTF-8. Reusable with {@link #reset()} by the one thread that owns it; not thread-safe.
 */
public final class ByteSink {
    /** A reused sink keeps at most this much capacity past a reset (one large reply must not pin its size). */
    private static final int KEEP = 1 << 20;

    private final int initial;
    private byte[] buf;
    private int len;
    /** Files left out, in order, when this sink defers them; null: their text is written in. */
    private List<Deferred> deferred;

    /** A {@link FileText} whose escaped text belongs at byte {@code at} of what was written. */
    public record Deferred(int at, FileText text) {
    }

    public ByteSink(int initialCapacity) {
        initial = Math.max(16, initialCapacity);
        buf = new byte[initial];
    }

    /** Empties the sink for reuse; capacity beyond 1 MB is given back. */
    public void reset() {
        len = 0;
        if (deferred != null) {
            deferred.clear();
        }
        if (buf.length > KEEP) {
            buf = new byte[initial];
        }
    }

    /**
     * From now on a {@link FileText} is not read into this sink but noted ({@link #deferred()}), for
     * the writer of the reply to stream it in its place.
     */
    public ByteSink deferringFiles() {
        deferred = new ArrayList<>();
        return this;
    }

    /** The files left out since the last reset, in order; empty unless {@link #deferringFiles()}. */
    public List<Deferred> deferred() {
        return deferred == null ? List.of() : List.copyOf(deferred);
    }

    /** A file's escaped text: noted for later when deferring, else read in now. */
    ByteSink file(FileText text) {
        if (deferred != null) {
            deferred.add(new Deferred(len, text));
            return this;
        }
        try (FileTextPieces pieces = new FileTextPieces(text)) {
            for (byte[] piece; (piece = pieces.next()) != null; ) {
                raw(piece);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return this;
    }

    public int length() {
        return len;
    }

    /** A copy of the bytes written so far. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    /** Copies the bytes written so far into {@code dst} at {@code offset}. */
    public void copyTo(byte[] dst, int offset) {
        System.arraycopy(buf, 0, dst, offset, len);
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    /** Bytes as they are (pre-encoded constants). */
    public ByteSink raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
        return this;
    }

    public ByteSink ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        return this;
    }

    public ByteSink ascii(char c) {
        ensure(1);
        buf[len++] = (byte) c;
        return this;
    }

    /** A decimal integer, without building a String. */
    public ByteSink decimal(long v) {
        if (v == Long.MIN_VALUE) {
            return ascii(Long.toString(v));
        }
        ensure(20);
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int start = len;
        do {
            buf[len++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
        return this;
    }

    /**
     * Text content escaped as Python's xmlrpc does ({@code & < >}), encoded as UTF-8. Characters XML
     * 1.0 cannot carry (control characters, lone surrogates) become U+FFFD.
     */
    public ByteSink escaped(String s) {
        // the JDK encodes in bulk; plain ASCII without markup is then one array copy
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        boolean markup = false;
        for (byte x : b) {
            if (x < 0x20 || x == 0x7F) { // control characters and every non-ASCII byte (negative)
                return escapedChars(s);
            }
            markup |= x == '&' || x == '<' || x == '>';
        }
        if (!markup) {
            return raw(b);
        }
        return escapedChars(s);
    }

    private ByteSink escapedChars(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '&' && c != '<' && c != '>') {
                ascii(c);
            } else {
                i = escapedSlow(s, i, c);
            }
        }
        return this;
    }

    private int escapedSlow(String s, int i, char c) {
        String entity = c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : null;
        if (entity != null) {
            ascii(entity);
            return i;
        }
        if (c == '\t' || c == '\n' || c == '\r') {
            ascii(c);
            return i;
        }
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            utf8(Character.toCodePoint(c, s.charAt(i + 1)));
            return i + 1;
        }
        boolean legal = c >= 0x80 && (c < 0xD800 || (c >= 0xE000 && c <= 0xFFFD));
        utf8(legal ? c : 0xFFFD);
        return i;
    }

    private void utf8(int cp) {
        ensure(4);
        if (cp < 0x80) {
            buf[len++] = (byte) cp;
        } else if (cp < 0x800) {
            buf[len++] = (byte) (0xC0 | cp >> 6);
            buf[len++] = (byte) (0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            buf[len++] = (byte) (0xE0 | cp >> 12);
            buf[len++] = (byte) (0x80 | cp >> 6 & 0x3F);
            buf[len++] = (byte) (0x80 | cp & 0x3F);
        } else {
            buf[len++] = (byte) (0xF0 | cp >> 18);
            buf[len++] = (byte) (0x80 | cp >> 12 & 0x3F);
            buf[len++] = (byte) (0x80 | cp >> 6 & 0x3F);
            buf[len++] = (byte) (0x80 | cp & 0x3F);
        }
    }
}
