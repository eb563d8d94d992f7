package steward.agent.logs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into lines for the stdout mirror: each complete line (without its newline or
 * a trailing CR) goes to the consumer; a line longer than 16 KiB is cut into pieces of that size.
 * One thread at a time.
 */
public final class LineSplitter {
    private static final int MAX_LINE = 16 * 1024;

    private final Consumer<String> lines;
    private final byte[] pending = new byte[MAX_LINE];
    private int length;

    public LineSplitter(Consumer<String> lines) {
        this.lines = lines;
    }

    /** Reads {@code chunk} from its position to its limit without moving either. */
    public void accept(ByteBuffer chunk) {
        ByteBuffer view = chunk.duplicate();
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

    /** Hands over an unfinished last line, if any. */
    public void flush() {
        if (length > 0) {
            emit();
        }
    }

    private void emit() {
        int end = length > 0 && pending[length - 1] == '\r' ? length - 1 : length;
        lines.accept(new String(pending, 0, end, StandardCharsets.UTF_8));
        length = 0;
    }
}
