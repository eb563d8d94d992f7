package steward.compat.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Follows a log file like supervisord's tail_f_producer: starts with its last {@code head} bytes,
 * then yields what is appended; reopens from the start when the name points at a new file
 * (rotation), and announces a shrink with {@code ==> File truncated <==}.
 */
final class FileFollower implements AutoCloseable {
    static final byte[] TRUNCATED = "==> File truncated <==\n".getBytes(StandardCharsets.US_ASCII);

    private final Path path;
    private FileChannel channel;
    private Object fileKey;
    private long position;

    FileFollower(Path path, int head) throws IOException {
        this.path = path;
        open();
        long size = channel.size();
        position = size >= head ? size - head : 0;
    }

    private void open() throws IOException {
        channel = FileChannel.open(path, StandardOpenOption.READ);
        fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        position = 0;
    }

    /** New bytes (at most {@code max}), {@link #TRUNCATED}, or an empty array when nothing changed. */
    byte[] poll(int max) throws IOException {
        follow();
        long size = channel.size();
        if (size < position) {
            position = 0;
            return TRUNCATED;
        }
        if (size == position) {
            return new byte[0];
        }
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(max, size - position));
        while (buf.hasRemaining()) {
            int n = channel.read(buf, position + buf.position());
            if (n < 0) {
                break;
            }
        }
        position += buf.position();
        byte[] out = new byte[buf.position()];
        buf.flip().get(out);
        return out;
    }

    private void follow() throws IOException {
        Object key;
        try {
            key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return; // unlinked: keep the old file until a new one appears
        }
        if (!Objects.equals(key, fileKey)) {
            channel.close();
            open();
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to release
        }
    }
}
