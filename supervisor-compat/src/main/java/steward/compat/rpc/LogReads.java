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
import steward.compat.xmlrpc.FileText;

/**
 * supervisord's readFile and tailFile rules over a log file. Bytes are decoded as UTF-8 with
 * replacement (supervisord would fail with a 500 on a split multi-byte character). Up to
 * {@link #INLINE} bytes come back as a String; more as a {@link FileText}, which the control server
 * streams from the file, so the size of a reply is bounded by the file, not the heap (supervisord
 * answers a 20 MB tail; offsets and lengths are XML-RPC ints, so one read is under 2 GB).
 */
final class LogReads {
    /** Reads up to this many bytes are returned as text; larger ones are streamed from the file. */
    static final int INLINE = 64 * 1024;

    private LogReads() {
    }

    /** readLog / readProcess*Log: a missing path is NO_FILE, argument errors BAD_ARGUMENTS. */
    static Object read(String logfile, int offset, int length) throws RpcFault {
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
            return count > INLINE ? new FileText(path, pos, count) : decode(readAt(ch, pos, count));
        } catch (IOException e) {
            throw new RpcFault(Fault.FAILED, logfile + ": " + e.getMessage());
        }
    }

    /** tailProcess*Log: {@code [data, newOffset, overflow]}; a missing file gives {@code ['', 0, false]}. */
    static List<Object> tail(String logfile, int offset, int length) {
        if (logfile == null || logfile.isEmpty() || !Files.exists(Path.of(logfile))) {
            return List.of("", 0, false);
        }
        try (FileChannel ch = FileChannel.open(Path.of(logfile), StandardOpenOption.READ)) {
            long size = ch.size();
            boolean overflow = false;
            long off = offset;
            long len = length;
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
            len = Math.max(0, Math.min(len, size - off)); // what is there now: a streamed reply reads exactly this
            Object data = len == 0 ? "" : len > INLINE ? new FileText(Path.of(logfile), off, len) : decode(readAt(ch, off, len));
            return List.of(data, (int) Math.min(size, Integer.MAX_VALUE), overflow);
        } catch (IOException e) {
            return List.of("", offset, false);
        }
    }

    private static byte[] readAt(FileChannel ch, long pos, long count) throws IOException {
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
