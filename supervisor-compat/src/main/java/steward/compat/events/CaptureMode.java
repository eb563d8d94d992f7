package steward.compat.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One output channel of a process read as supervisord 4.2.5's POutputDispatcher reads it when
 * {@code *_capture_maxbytes} is set: what a process writes between {@code <!--XSUPERVISOR:BEGIN-->}
 * and {@code <!--XSUPERVISOR:END-->} goes to a capture buffer (only its last bytes are kept, trimmed as
 * Supervisor's BoundIO trims) instead of the log, and becomes a PROCESS_COMMUNICATION event at the end
 * token. Data is held back until more than a token's length is buffered (so a token split across reads
 * is found), as Supervisor does. With capture off, every read passes through unchanged.
 */
public final class CaptureMode {
    static final byte[] BEGIN = "<!--XSUPERVISOR:BEGIN-->".getBytes(StandardCharsets.US_ASCII);
    static final byte[] END = "<!--XSUPERVISOR:END-->".getBytes(StandardCharsets.US_ASCII);

    /** What one read produced, in order. */
    public sealed interface Piece {
    }

    /**
     * Output to record: to the channel's log file unless {@code captured}, and in every case a
     * PROCESS_LOG event when the channel's {@code *_events_enabled} is on.
     */
    public record Output(byte[] data, boolean captured) implements Piece {
    }

    /** The data of one BEGIN…END block: a PROCESS_COMMUNICATION event. */
    public record Communication(byte[] data) implements Piece {
    }

    private final long maxbytes;
    private boolean capturing;
    private byte[] pending = new byte[0];
    private byte[] captured = new byte[0];

    /** @param maxbytes the channel's {@code *_capture_maxbytes}; 0 turns capture mode off */
    public CaptureMode(long maxbytes) {
        this.maxbytes = maxbytes;
    }

    public boolean capturing() {
        return capturing;
    }

    /** Pieces for bytes read from the channel. */
    public List<Piece> read(byte[] data) {
        List<Piece> out = new ArrayList<>();
        if (maxbytes == 0) {
            if (data.length > 0) {
                out.add(new Output(data, false));
            }
            return out;
        }
        pending = concat(pending, data);
        record(out);
        return out;
    }

    /**
     * The channel reached end of file: bytes still held back are recorded (Supervisor 4.2.5 drops them;
     * Steward keeps them).
     */
    public List<Piece> eof() {
        List<Piece> out = new ArrayList<>();
        if (pending.length > 0) {
            log(out, pending);
            pending = new byte[0];
        }
        return out;
    }

    private void record(List<Piece> out) {
        while (true) {
            byte[] token = capturing ? END : BEGIN;
            if (pending.length <= token.length) {
                return;
            }
            byte[] data = pending;
            pending = new byte[0];
            int at = indexOf(data, token);
            byte[] after;
            if (at < 0) {
                after = null;
                int keep = prefixAtEnd(data, token);
                if (keep > 0) {
                    pending = Arrays.copyOfRange(data, data.length - keep, data.length);
                    data = Arrays.copyOf(data, data.length - keep);
                }
                log(out, data);
            } else {
                log(out, Arrays.copyOf(data, at));
                toggle(out);
                after = Arrays.copyOfRange(data, at + token.length, data.length);
                pending = after;
            }
            if (after == null || after.length == 0) {
                return;
            }
        }
    }

    private void log(List<Piece> out, byte[] data) {
        if (data.length == 0) {
            return;
        }
        if (capturing) {
            // BoundIO.write: when the buffer would exceed maxbytes, drop as many bytes from its head as are written
            if (captured.length + data.length > maxbytes) {
                captured = Arrays.copyOfRange(captured, Math.min(captured.length, data.length), captured.length);
            }
            captured = concat(captured, data);
        }
        out.add(new Output(data, capturing));
    }

    private void toggle(List<Piece> out) {
        capturing = !capturing;
        if (!capturing) {
            out.add(new Communication(captured));
        }
        captured = new byte[0];
    }

    /** asynchat's find_prefix_at_end: the length of the longest proper prefix of token ending data. */
    static int prefixAtEnd(byte[] data, byte[] token) {
        for (int l = token.length - 1; l > 0; l--) {
            if (data.length >= l && Arrays.equals(data, data.length - l, data.length, token, 0, l)) {
                return l;
            }
        }
        return 0;
    }

    private static int indexOf(byte[] data, byte[] token) {
        outer:
        for (int i = 0; i + token.length <= data.length; i++) {
            for (int j = 0; j < token.length; j++) {
                if (data[i + j] != token[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a.length == 0) {
            return b;
        }
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
