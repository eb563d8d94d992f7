package steward.agent.logs;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A log sink that also hands every line to a {@link StdoutMirror}, tagged with its source and
 * stream (cron's log, the agent's own: stamped lines, {@link StdoutMirror#recordStamped}). Bytes
 * reach the wrapped sink unchanged.
 */
public final class MirroredSink implements LogSink {
    private final LogSink inner;
    private final LineSplitter lines;

    public MirroredSink(LogSink inner, StdoutMirror mirror, String source, String stream) {
        this.inner = inner;
        this.lines = new LineSplitter(line -> mirror.recordStamped(source, stream, line));
    }

    @Override
    public void write(ByteBuffer data) {
        lines.accept(data);
        inner.write(data);
    }

    @Override
    public void reopen() {
        inner.reopen();
    }

    @Override
    public void clear() {
        inner.clear();
    }

    @Override
    public Optional<Path> file() {
        return inner.file();
    }

    @Override
    public void close() {
        lines.flush();
        inner.close();
    }
}
