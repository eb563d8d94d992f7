package steward.agent.metrics;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Prometheus' text exposition format (version 0.0.4), written by hand: {@code # HELP}, {@code # TYPE}
 * and sample lines, label values escaped. One instance builds one scrape straight into UTF-8 bytes
 * (no text copy of a 200-program page on its way to the socket); not thread-safe.
 */
public final class Exposition {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private byte[] out;
    private int length;

    public Exposition(int capacity) {
        out = new byte[Math.max(capacity, 64)];
    }

    /** Writes into {@code reuse} from its start (it grows into a new array if it must). */
    Exposition(byte[] reuse) {
        out = reuse;
    }

    /** Starts a metric family. {@code type} is counter, gauge, histogram or untyped. */
    public Exposition family(String name, String type, String help) {
        text("# HELP ").text(name).put(' ');
        help.codePoints().forEach(c -> {
            if (c == '\\') {
                text("\\\\");
            } else if (c == '\n') {
                text("\\n");
            } else {
                codePoint(c);
            }
        });
        text("\n# TYPE ").text(name).put(' ').text(type).put('\n');
        return this;
    }

    /** One sample; {@code labels} alternate name and value. */
    public Exposition sample(String name, double value, String... labels) {
        text(name);
        if (labels.length > 0) {
            put('{');
            for (int i = 0; i + 1 < labels.length; i += 2) {
                if (i > 0) {
                    put(',');
                }
                text(labels[i]).text("=\"");
                escape(labels[i + 1]);
                put('"');
            }
            put('}');
        }
        put(' ');
        number(value);
        put('\n');
        return this;
    }

    /**
     * A label set written once ({@code name="web",group="web"}, values escaped) for {@link #sample(byte[],
     * byte[], byte[], double)}, so a page with many families per process escapes each name once.
     */
    public static byte[] labels(String... pairs) {
        Exposition e = new Exposition(64);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (i > 0) {
                e.put(',');
            }
            e.text(pairs[i]).text("=\"");
            e.escape(pairs[i + 1]);
            e.put('"');
        }
        return java.util.Arrays.copyOf(e.out, e.length);
    }

    /**
     * One sample from pieces prepared once ({@link #open}, a {@link #labels} set as bytes, {@link #close}):
     * a page of 200 programs copies them instead of writing each name and label again.
     */
    public Exposition sample(byte[] open, byte[] labels, byte[] close, double value) {
        bytes(open);
        bytes(labels);
        bytes(close);
        number(value);
        put('\n');
        return this;
    }

    /** {@code name{} as bytes, for {@link #sample(byte[], byte[], byte[], double)}. */
    public static byte[] open(String name) {
        return (name + "{").getBytes(StandardCharsets.UTF_8);
    }

    /** What ends a label set: one more label written as is ({@code state="RUNNING"}) or none (null). */
    public static byte[] close(String extra) {
        return ((extra == null ? "" : "," + extra) + "} ").getBytes(StandardCharsets.UTF_8);
    }

    private void bytes(byte[] b) {
        room(b.length);
        System.arraycopy(b, 0, out, length, b.length);
        length += b.length;
    }

    /** A label value: UTF-8 by code point (an emoji is one character, not two "?"), quotes and backslashes escaped. */
    private void escape(String v) {
        v.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> text("\\\\");
                case '"' -> text("\\\"");
                case '\n' -> text("\\n");
                default -> codePoint(c);
            }
        });
    }

    private void number(double v) {
        if (Double.isNaN(v)) {
            text("NaN");
        } else if (Double.isInfinite(v)) {
            text(v > 0 ? "+Inf" : "-Inf");
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            integer((long) v);
        } else {
            text(Double.toString(v));
        }
    }

    private void integer(long v) {
        if (v < 0) {
            put('-');
            v = -v;
        }
        room(20);
        int start = length;
        do {
            out[length++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        for (int i = start, j = length - 1; i < j; i++, j--) {
            byte t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
    }

    /** A bucket bound as the {@code le} label shows it. */
    public static String le(double bound) {
        if (Double.isInfinite(bound)) {
            return "+Inf";
        }
        return bound == Math.rint(bound) ? (long) bound + ".0" : Double.toString(bound);
    }

    /** Text as UTF-8, copied byte by byte while it is ASCII (names, label sets, numbers). */
    private Exposition text(String s) {
        int n = s.length();
        room(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                utf8(s);
                return this;
            }
            out[length + i] = (byte) c;
        }
        length += n;
        return this;
    }

    /** One code point as UTF-8; a lone surrogate (no UTF-8 form) as U+FFFD. */
    private void codePoint(int c) {
        if (c < 0x80) {
            put((char) c);
        } else {
            utf8(Character.isSurrogate((char) c) && c <= 0xFFFF ? "\uFFFD" : new String(Character.toChars(c)));
        }
    }

    private void utf8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        room(b.length);
        System.arraycopy(b, 0, out, length, b.length);
        length += b.length;
    }

    private Exposition put(char c) {
        room(1);
        out[length++] = (byte) c;
        return this;
    }

    private void room(int n) {
        if (length + n > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, length + n));
        }
    }

    /** The bytes written so far (a view of this builder's array: write no more after taking it). */
    public ByteBuffer bytes() {
        return ByteBuffer.wrap(out, 0, length);
    }

    /** The bytes written so far, as text. */
    public String text() {
        return new String(out, 0, length, StandardCharsets.UTF_8);
    }
}
