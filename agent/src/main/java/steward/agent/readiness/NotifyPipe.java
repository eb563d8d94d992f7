package steward.agent.readiness;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import steward.agent.os.EventLoop;
import steward.agent.os.Fds;
import steward.agent.os.LibC;
import steward.agent.os.NativeException;
import steward.agent.os.Pipe;

/**
 * A child's notify pipe ({@code STEWARD_NOTIFY_FD}): systemd-notify lines written on a pipe, for
 * programs that cannot send unix datagrams (Node). The parent reads the read end on the loop, each
 * complete line a {@link NotifyMessage}; a line longer than 4 KiB is dropped. Ends when every holder
 * of the write end closed it (the child and whatever inherited it exited). Loop thread only.
 */
public final class NotifyPipe implements AutoCloseable {
    private static final int MAX_LINE = 4096;

    private final EventLoop loop;
    private final int read;
    private int write;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_LINE);
    private final StringBuilder line = new StringBuilder();
    private boolean overlong;
    private Consumer<NotifyMessage> onMessage = m -> { };
    private Runnable onEnd = () -> { };
    private boolean closed;

    private NotifyPipe(EventLoop loop, Pipe pipe) {
        this.loop = loop;
        this.read = pipe.read();
        this.write = pipe.write();
        loop.register(read, LibC.EPOLLIN, events -> receive());
    }

    /** A new pipe (both ends close-on-exec), its read end watched. */
    public static NotifyPipe open(EventLoop loop) throws NativeException {
        return new NotifyPipe(loop, Pipe.forChildOutput());
    }

    /** The end to pass to the child. */
    public int writeEnd() {
        return write;
    }

    /** Closes the parent's copy of the write end, once the child has its own. */
    public void closeWriteEnd() {
        Fds.close(write);
        write = -1;
    }

    /** Where messages go from now on (those read earlier went to the previous consumer). */
    public void onMessage(Consumer<NotifyMessage> consumer) {
        onMessage = consumer;
    }

    /** What to do when the pipe ended (after which it is closed). */
    public void onEnd(Runnable r) {
        onEnd = r;
    }

    private void receive() {
        while (!closed) {
            buffer.clear();
            int n = Fds.read(read, buffer);
            if (n == -1) {
                return;
            }
            if (n <= 0) {
                close();
                onEnd.run();
                return;
            }
            buffer.flip();
            byte[] b = new byte[n];
            buffer.get(b);
            take(new String(b, StandardCharsets.UTF_8));
        }
    }

    private void take(String text) {
        int start = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            line.append(text, start, nl);
            if (!overlong) {
                onMessage.accept(NotifyMessage.parse(line.toString()));
            }
            line.setLength(0);
            overlong = false;
            start = nl + 1;
        }
        line.append(text, start, text.length());
        if (line.length() > MAX_LINE) {
            line.setLength(0);
            overlong = true;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            loop.unregister(read);
            Fds.close(read);
            closeWriteEnd();
        }
    }
}
