package steward.agent.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import steward.agent.logs.DaemonLog;
import steward.agent.logs.LogSink;
import steward.agent.os.EventLoop;
import steward.agent.os.PipeReader;
import steward.compat.config.LogLevel;

/**
 * A child's output channel into its log sink: every byte the child wrote reaches the file within
 * one loop turn, and at loglevel debug it is copied into the daemon log as supervisord does.
 */
final class OutputPump {
    private final PipeReader reader;
    private final LogSink sink;
    private final DaemonLog log;
    private final String label;

    OutputPump(EventLoop loop, int fd, LogSink sink, ByteBuffer sharedBuffer, DaemonLog log, String label) {
        this.sink = sink;
        this.log = log;
        this.label = label;
        this.reader = new PipeReader(loop, fd, sharedBuffer, this::write, () -> { });
    }

    private void write(ByteBuffer chunk) {
        if (log.enabled(LogLevel.DEBG)) {
            byte[] bytes = new byte[chunk.remaining()];
            chunk.duplicate().get(bytes);
            log.debug("'" + label + " output:\n" + new String(bytes, StandardCharsets.UTF_8));
        }
        sink.write(chunk);
    }

    /** Reads what is available now. */
    void drain() {
        reader.drain();
    }

    void close() {
        reader.close();
    }
}
