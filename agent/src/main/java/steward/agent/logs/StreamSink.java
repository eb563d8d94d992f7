package steward.agent.logs;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A target that cannot seek: the daemon's own stdout or stderr, a FIFO or a character device.
 * Rotation is off (no "Illegal seek"); clear and reopen do nothing to it.
 */
public final class StreamSink implements LogSink {
    private final Path path;
    private final FileChannel channel;
    private final boolean owned;

    private StreamSink(Path path, FileChannel channel, boolean owned) {
        this.path = path;
        this.channel = channel;
        this.owned = owned;
    }

    /** Opens {@code path}; {@code /dev/stdout} and {@code /dev/stderr} write to the daemon's own fds. */
    public static StreamSink open(Path path) throws IOException {
        String p = path.toString();
        if (p.equals("/dev/stdout")) {
            return new StreamSink(path, new FileOutputStream(FileDescriptor.out).getChannel(), false);
        }
        if (p.equals("/dev/stderr")) {
            return new StreamSink(path, new FileOutputStream(FileDescriptor.err).getChannel(), false);
        }
        return new StreamSink(path, FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND), true);
    }

    /** True when {@code path} names something that cannot be rotated. */
    public static boolean isStream(Path path) {
        String p = path.toString();
        if (p.equals("/dev/stdout") || p.equals("/dev/stderr")) {
            return true;
        }
        try {
            var attrs = java.nio.file.Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class);
            return attrs.isOther();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void write(ByteBuffer data) {
        try {
            while (data.hasRemaining()) {
                channel.write(data);
            }
        } catch (IOException e) {
            data.position(data.limit());
        }
    }

    @Override
    public void reopen() {
    }

    @Override
    public void clear() {
    }

    @Override
    public Optional<Path> file() {
        return Optional.of(path);
    }

    @Override
    public void close() {
        if (owned) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
