package steward.compat.rpc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import steward.compat.api.Fault;
import steward.compat.api.RpcFault;

/**
 * supervisord's readFile and tailFile rules over a log file. Bytes are decoded as UTF-8 with
 * replacement (supervisord would fail with a 500 on a split multi-byte character).
 */
final class LogReads {
    /**
     * The most one read returns: a sixteenth of the heap, between 1 and 16 MB (6 MB under the
     * launcher's 96 MB heap). The reply holds the bytes a few times over (text, XML, HTTP), and an
     * unanswered call is worse than a fault.
     */
    static final long MAX_READ = maxRead(Runtime.getRuntime().maxMemory());

    private LogReads() {
    }

    static long maxRead(long maxHeap) {
        return Math.max(1L << 20, Math.min(16L << 20, maxHeap / 16));
    }

    /** readLog / readProcess*Log: a missing path is NO_FILE, argument errors BAD_ARGUMENTS. */
    static String read(String logfile, int offset, int length) throws RpcFault {
        return read(logfile, offset, length, MAX_READ);
    }

    /** As {@link #read(String, int, int)}, refusing (FAILED) to return more than {@code max} bytes. */
    static String read(String logfile, int offset, int length, long max) throws RpcFault {
        if (logfile == null || logfile.isEmpty()) {
            throw new RpcFault(Fault.NO_FILE);
        }
        Path path = Path.of(logfile);
        if (!Files.exists(path)) {
            throw new RpcFault(Fault.NO_FILE, logfile);
        }
        if (offset < 0 && length != 0 || offset >= 0 && length < 0) {
            throw new RpcFault(Fault.BAD_ARGUMENTS);
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos;
            long want;
            if (offset < 0) {
                pos = Math.max(0, size + offset);
                want = -(long) offset;
            } else {
                pos = offset;
                want = length == 0 ? Long.MAX_VALUE : length;
            }
            long count = Math.min(want, Math.max(0, size - pos));
            if (count > max) {
                throw new RpcFault(Fault.FAILED, "a log read returns at most " + max + " bytes, " + count
                        + " asked; read it in parts");
            }
            return decode(readAt(ch, pos, count));
        } catch (IOException e) {
            throw new RpcFault(Fault.FAILED);
        }
    }

    /** tailProcess*Log: {@code [data, newOffset, overflow]}; a missing file gives {@code ['', 0, false]}. */
    static List<Object> tail(String logfile, int offset, int length) {
        return tail(logfile, offset, length, MAX_READ);
    }

    /** As {@link #tail(String, int, int)}; more than {@code max} bytes asked means the last {@code max}, with overflow. */
    static List<Object> tail(String logfile, int offset, int length, long max) {
        if (logfile == null || logfile.isEmpty() || !Files.exists(Path.of(logfile))) {
            return List.of("", 0, false);
        }
        try (FileChannel ch = FileChannel.open(Path.of(logfile), StandardOpenOption.READ)) {
            long size = ch.size();
            boolean overflow = false;
            long off = offset;
            long len = Math.min(length, max);
            if (size > off + len) {
                overflow = true;
                off = size - 1;
            }
            if (off + len > size) {
                if (off > size - 1) {
                    len = 0;
                }
                off = size - len;
            }
            off = Math.max(0, off);
            len = Math.max(0, len);
            String data = len == 0 ? "" : decode(readAt(ch, off, len));
            return List.of(data, (int) Math.min(size, Integer.MAX_VALUE), overflow);
        } catch (IOException e) {
            return List.of("", offset, false);
        }
    }

    private static byte[] readAt(FileChannel ch, long pos, long count) throws IOException {
        if (count > Integer.MAX_VALUE - 16) {
            throw new IOException("too large");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) count);
        while (buf.hasRemaining()) {
            if (ch.read(buf, pos + buf.position()) < 0) {
                break;
            }
        }
        byte[] out = new byte[buf.position()];
        buf.flip().get(out);
        return out;
    }

    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
