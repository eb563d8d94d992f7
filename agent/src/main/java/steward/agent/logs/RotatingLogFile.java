package steward.agent.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A log file rotated by size into {@code .1 … .N} backups. A write is split exactly at
 * {@code maxbytes}, so every file holds at most maxbytes and the kept files, read from
 * {@code .N} down to the live file, are always a byte-exact contiguous tail of what was written.
 * {@code maxbytes} 0 means never rotate; {@code backups} 0 means the file is truncated at rotation.
 */
public final class RotatingLogFile implements LogSink {
    private final Path path;
    private final long maxbytes;
    private final int backups;
    private FileChannel channel;
    private long size;

    public RotatingLogFile(Path path, long maxbytes, int backups) {
        this.path = path;
        this.maxbytes = maxbytes;
        this.backups = backups;
        open();
    }

    private void open() {
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            size = channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(ByteBuffer data) {
        try {
            while (data.hasRemaining()) {
                if (maxbytes > 0 && size >= maxbytes) {
                    rotate();
                }
                int room = maxbytes > 0 ? (int) Math.min(Integer.MAX_VALUE, maxbytes - size) : Integer.MAX_VALUE;
                int limit = data.limit();
                if (data.remaining() > room) {
                    data.limit(data.position() + room);
                }
                while (data.hasRemaining()) {
                    size += channel.write(data);
                }
                data.limit(limit);
            }
            if (maxbytes > 0 && size >= maxbytes) {
                rotate();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void rotate() throws IOException {
        channel.close();
        if (backups > 0) {
            for (int i = backups - 1; i >= 1; i--) {
                Path from = backup(i);
                if (Files.exists(from)) {
                    Files.move(from, backup(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(path, backup(1), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.deleteIfExists(path);
        }
        open();
    }

    private Path backup(int i) {
        return path.resolveSibling(path.getFileName() + "." + i);
    }

    @Override
    public void reopen() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // reopening anyway
        }
        open();
    }

    @Override
    public void clear() {
        try {
            channel.close();
            Files.deleteIfExists(path);
            for (int i = 1; i <= backups; i++) {
                Files.deleteIfExists(backup(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            open();
        }
    }

    @Override
    public Optional<Path> file() {
        return Optional.of(path);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
