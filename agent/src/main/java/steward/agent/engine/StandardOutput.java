package steward.agent.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import steward.agent.logs.DaemonLog;
import steward.agent.logs.LogSink;
import steward.compat.api.ProcessRef;
import steward.compat.config.LogLevel;
import steward.compat.config.ProcessConfig;
import steward.compat.events.EngineEvent;

/**
 * The standard {@link OutputHandler}: every byte reaches the process's log file within one loop
 * turn; at loglevel debug it is copied into the daemon log as supervisord does; with
 * {@code *_events_enabled} each chunk is also published as PROCESS_LOG_STDOUT/STDERR.
 */
final class StandardOutput implements OutputHandler {
    private final ProcessRef ref;
    private final LogSink stdout;
    private final LogSink stderr;
    private final boolean stdoutEvents;
    private final boolean stderrEvents;
    private final DaemonLog log;
    private final Consumer<EngineEvent> publish;
    private int pid;

    /** {@code stderr} null when stderr is redirected into stdout. */
    StandardOutput(ProcessRef ref, ProcessConfig config, LogSink stdout, LogSink stderr, DaemonLog log,
                   Consumer<EngineEvent> publish) {
        this.ref = ref;
        this.stdout = stdout;
        this.stderr = stderr;
        this.stdoutEvents = config.stdout().eventsEnabled();
        this.stderrEvents = config.stderr().eventsEnabled();
        this.log = log;
        this.publish = publish;
    }

    @Override
    public void spawned(int pid, ProcessStdin stdin) {
        this.pid = pid;
    }

    @Override
    public void output(EngineEvent.Stream stream, ByteBuffer chunk) {
        boolean events = stream == EngineEvent.Stream.STDOUT ? stdoutEvents : stderrEvents;
        if (events || log.enabled(LogLevel.DEBG)) {
            byte[] bytes = new byte[chunk.remaining()];
            chunk.duplicate().get(bytes);
            if (log.enabled(LogLevel.DEBG)) {
                log.debug("'" + ref.name() + "' " + stream.wireName() + " output:\n"
                        + new String(bytes, StandardCharsets.UTF_8));
            }
            if (events) {
                publish.accept(new EngineEvent.ProcessLog(ref, pid, stream, bytes));
            }
        }
        LogSink sink = stream == EngineEvent.Stream.STDERR && stderr != null ? stderr : stdout;
        sink.write(chunk);
    }
}
