package steward.agent.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A log file rotated by size into {@code .1 … .N} backups. A write is split exactly at
 * {@code maxbytes}, so every file holds at most maxbytes and the kept files, read from
 * {@code .N} down to the live file, are always a byte-exact contiguous tail of what was written.
 * {@code maxbytes} 0 means never rotate; {@code backups} 0 means the file is truncated at rotation.
 *
 * <p>After the first open, writing never throws: when the file cannot be written, rotated or
 * reopened (its directory removed, the disk full) the chunk is dropped, the problem is reported
 * once per kind, and every later write tries to open the file again (recreating it) until that
 * works, which is reported too.
 */
public final class RotatingLogFile implements LogSink {
    private final Path path;
    private final long maxbytes;
    private final int backups;
    private final Consumer<String> problems;
    /** Problems reported since the file was last written fine, by kind ("rotate: NoSuchFileException"). */
    private final Set<String> reported = new HashSet<>();
    /** Null while the file cannot be opened; the next write tries again. */
    private FileChannel channel;
    private long size;

    /** A log file whose write problems go to stderr. */
    public RotatingLogFile(Path path, long maxbytes, int backups) {
        this(path, maxbytes, backups, System.err::println);
    }

    /**
     * Opens (creating) the file; that first open throws when it fails.
     *
     * @param problems hears one line per kind of write problem, and when writing works again
     */
    public RotatingLogFile(Path path, long maxbytes, int backups, Consumer<String> problems) {
        this.path = path;
        this.maxbytes = maxbytes;
        this.backups = backups;
        this.problems = problems;
        try {
            open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void open() throws IOException {
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        size = channel.size();
    }

    @Override
    public void write(ByteBuffer data) {
        if (channel == null && !retryOpen()) {
            data.position(data.limit());
            return;
        }
        String step = "write";
        try {
            while (data.hasRemaining()) {
                if (maxbytes > 0 && size >= maxbytes) {
                    step = "rotate";
                    rotate();
                    step = "write";
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
                step = "rotate";
                rotate();
            }
        } catch (IOException e) {
            data.position(data.limit());
            closeChannel();
            report(step, e);
        }
    }

    /** Reopens a file that could not be written; reports the recovery. */
    private boolean retryOpen() {
        try {
            open();
        } catch (IOException e) {
            report("reopen", e);
            return false;
        }
        if (!reported.isEmpty()) {
            reported.clear();
            problems.accept("log file " + path + " is written again");
        }
        return true;
    }

    private void report(String step, IOException e) {
        String kind = step + ": " + e.getClass().getSimpleName();
        if (reported.add(kind)) {
            problems.accept("cannot " + step + " log file " + path + ": " + describe(e)
                    + "; output is dropped until it can be written again");
        }
    }

    private static String describe(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file or directory: " + e.getMessage()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // dropping it anyway
            }
            channel = null;
        }
    }

    /** Moves the files along, then opens a new live file; when a move fails, the next write reopens. */
    private void rotate() throws IOException {
        closeChannel();
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
        closeChannel();
        retryOpen();
    }

    @Override
    public void clear() {
        closeChannel();
        try {
            Files.deleteIfExists(path);
            for (int i = 1; i <= backups; i++) {
                Files.deleteIfExists(backup(i));
            }
        } catch (IOException e) {
            report("clear", e);
            throw new UncheckedIOException(e);
        } finally {
            retryOpen();
        }
    }

    @Override
    public Optional<Path> file() {
        return Optional.of(path);
    }

    @Override
    public void close() {
        closeChannel();
    }
}
