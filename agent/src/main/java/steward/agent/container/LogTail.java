package steward.agent.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * {@code dotcloud logs} for a log directory: the last lines of the agent's log
 * ({@code supervisord.log}) and of every program's {@code NAME.log}/{@code NAME_error.log}, then
 * what is appended to them, across rotation (the old file is read to its end before the new one)
 * and truncation, and including files that appear later (a program added by a deploy). Each line
 * is handed over with its source: the file name without {@code .log}. The last lines come merged by
 * time, the agent's and cron's by their stamps, a program's at its file's last write.
 */
public final class LogTail {
    private static final String AGENT = "supervisord";
    /** The logs whose lines start with their own stamp: the agent's and cron's. */
    public static final Set<String> STAMPED = Set.of(AGENT, "cron");
    private static final int CHUNK = 64 * 1024;

    private final Path dir;
    private final Set<String> programs;
    private final BiConsumer<String, String> sink;
    private final Map<Path, Source> sources = new LinkedHashMap<>();

    /**
     * @param programs program names to show (empty: the agent and every program)
     * @param sink receives (source, line) for every complete line
     */
    public LogTail(Path dir, Set<String> programs, BiConsumer<String, String> sink) {
        this.dir = dir;
        this.programs = Set.copyOf(programs);
        this.sink = sink;
    }

    /**
     * Prints the last {@code n} lines of each log, merged by time ({@link MergedHistory}), and
     * positions every source at its end.
     */
    public void start(int n) throws IOException {
        List<MergedHistory.Log> logs = new ArrayList<>();
        for (Path f : matching()) {
            Source s = new Source(f);
            sources.put(f, s);
            List<String> last = lastLines(f, n);
            long modified = Files.getLastModifiedTime(f).toMillis();
            s.openAtEnd();
            logs.add(new MergedHistory.Log(s.label, last, STAMPED.contains(s.label), modified));
        }
        for (MergedHistory.Entry e : MergedHistory.merge(logs, java.time.ZoneId.systemDefault())) {
            sink.accept(e.label(), e.line());
        }
    }

    /** Reads what was appended since the last call; picks up new files from their beginning. */
    public void poll() throws IOException {
        for (Path f : matching()) {
            if (!sources.containsKey(f)) {
                Source s = new Source(f);
                s.openAt(0);
                sources.put(f, s);
            }
        }
        for (Source s : sources.values()) {
            s.poll();
        }
    }

    /** Follows until interrupted, looking every {@code intervalMs}. */
    public void follow(long intervalMs) throws IOException, InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            poll();
            Thread.sleep(intervalMs);
        }
    }

    private List<Path> matching() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> agent = new ArrayList<>();
        List<Path> rest = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().endsWith(".log") && Files.isRegularFile(p)).sorted().forEach(p -> {
                String label = label(p);
                if (label.equals(AGENT)) {
                    if (programs.isEmpty()) {
                        agent.add(p);
                    }
                } else if (programs.isEmpty() || programs.contains(label)
                        || label.endsWith("_error") && programs.contains(label.substring(0, label.length() - 6))) {
                    rest.add(p);
                }
            });
        }
        agent.addAll(rest);
        return agent;
    }

    static String label(Path p) {
        String name = p.getFileName().toString();
        return name.substring(0, name.length() - ".log".length());
    }

    static List<String> lastLines(Path f, int n) throws IOException {
        if (n <= 0) {
            return List.of();
        }
        Deque<String> last = new ArrayDeque<>();
        try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
            lines.forEach(l -> {
                last.addLast(l);
                if (last.size() > n) {
                    last.removeFirst();
                }
            });
        } catch (java.io.UncheckedIOException | NoSuchFileException e) {
            return List.of();
        }
        return new ArrayList<>(last);
    }

    /** One followed file: an open channel, its identity, and an unfinished line. */
    private final class Source {
        private final Path path;
        private final String label;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private FileChannel channel;
        private Object key;

        Source(Path path) {
            this.path = path;
            this.label = label(path);
        }

        void openAtEnd() throws IOException {
            openAt(-1);
        }

        void openAt(long position) throws IOException {
            try {
                channel = FileChannel.open(path, StandardOpenOption.READ);
                key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
                channel.position(position < 0 ? channel.size() : position);
            } catch (NoSuchFileException e) {
                channel = null;
            }
        }

        void poll() throws IOException {
            if (channel == null) {
                if (Files.exists(path)) {
                    openAt(0);
                }
                if (channel == null) {
                    return;
                }
            }
            drain();
            Object now;
            try {
                now = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            } catch (NoSuchFileException e) {
                return;
            }
            if (!Objects.equals(now, key)) {
                drain();
                flushPartial();
                channel.close();
                openAt(0);
                drain();
            } else if (channel.size() < channel.position()) {
                flushPartial();
                channel.position(0);
                drain();
            }
        }

        private void drain() throws IOException {
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            while (channel.read(buf) > 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    byte b = buf.get();
                    if (b == '\n') {
                        flushPartial();
                    } else {
                        partial.write(b);
                    }
                }
                buf.clear();
            }
        }

        private void flushPartial() {
            if (partial.size() > 0) {
                sink.accept(label, partial.toString(StandardCharsets.UTF_8));
                partial.reset();
            }
        }
    }
}
