package steward.agent.logs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A log sink that also hands every complete line to a {@link StdoutMirror}, tagged with its source
 * and stream. Bytes reach the wrapped sink unchanged. A line longer than 16 KiB is cut into
 * records of that size. Used from one thread at a time, like every sink.
 */
public final class MirroredSink implements LogSink {
    private static final int MAX_LINE = 16 * 1024;

    private final LogSink inner;
    private final StdoutMirror mirror;
    private final String source;
    private final String stream;
    private final byte[] pending = new byte[MAX_LINE];
    private int length;

    public MirroredSink(LogSink inner, StdoutMirror mirror, String source, String stream) {
        this.inner = inner;
        this.mirror = mirror;
        this.source = source;
        this.stream = stream;
    }

    @Override
    public void write(ByteBuffer data) {
        ByteBuffer view = data.duplicate();
        inner.write(data);
        while (view.hasRemaining()) {
            byte b = view.get();
            if (b == '\n') {
                emit();
            } else {
                pending[length++] = b;
                if (length == MAX_LINE) {
                    emit();
                }
            }
        }
    }

    private void emit() {
        int end = length > 0 && pending[length - 1] == '\r' ? length - 1 : length;
        mirror.record(source, stream, new String(pending, 0, end, StandardCharsets.UTF_8));
        length = 0;
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
        if (length > 0) {
            emit();
        }
        inner.close();
    }
}
