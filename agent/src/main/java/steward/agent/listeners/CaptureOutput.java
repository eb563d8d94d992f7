package steward.agent.listeners;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import steward.agent.engine.OutputHandler;
import steward.agent.engine.ProcessStdin;
import steward.agent.logs.DaemonLog;
import steward.compat.api.ProcessRef;
import steward.compat.config.ProcessConfig;
import steward.compat.events.CaptureMode;
import steward.compat.events.EngineEvent;

/**
 * Capture mode on a process's stdout and/or stderr ({@code *_capture_maxbytes} &gt; 0): what the
 * process writes between the XSUPERVISOR tokens stays out of its log file and becomes a
 * PROCESS_COMMUNICATION_STDOUT/STDERR event; everything else goes on to the standard handler. Captured
 * bytes still make PROCESS_LOG events when {@code *_events_enabled}, as in Supervisor.
 */
final class CaptureOutput implements OutputHandler {
    private final ProcessRef ref;
    private final OutputHandler next;
    private final Consumer<EngineEvent> publish;
    private final DaemonLog log;
    private final CaptureMode stdout;
    private final CaptureMode stderr;
    private final boolean stdoutEvents;
    private final boolean stderrEvents;
    private int pid;

    /** {@code stdout}/{@code stderr}: whether capture mode applies to that channel. */
    CaptureOutput(ProcessRef ref, ProcessConfig config, OutputHandler next, Consumer<EngineEvent> publish,
            DaemonLog log, boolean stdout, boolean stderr) {
        this.ref = ref;
        this.next = next;
        this.publish = publish;
        this.log = log;
        this.stdout = stdout ? new CaptureMode(config.stdout().captureMaxbytes()) : null;
        this.stderr = stderr ? new CaptureMode(config.stderr().captureMaxbytes()) : null;
        this.stdoutEvents = config.stdout().eventsEnabled();
        this.stderrEvents = config.stderr().eventsEnabled();
    }

    @Override
    public void output(EngineEvent.Stream stream, ByteBuffer chunk) {
        CaptureMode mode = stream == EngineEvent.Stream.STDOUT ? stdout : stderr;
        if (mode == null) {
            next.output(stream, chunk);
            return;
        }
        byte[] bytes = new byte[chunk.remaining()];
        chunk.get(bytes);
        pieces(stream, mode.read(bytes));
    }

    private void pieces(EngineEvent.Stream stream, java.util.List<CaptureMode.Piece> pieces) {
        boolean events = stream == EngineEvent.Stream.STDOUT ? stdoutEvents : stderrEvents;
        for (CaptureMode.Piece p : pieces) {
            if (p instanceof CaptureMode.Output o && !o.captured()) {
                next.output(stream, ByteBuffer.wrap(o.data()));
            } else if (p instanceof CaptureMode.Output o) {
                if (events) {
                    publish.accept(new EngineEvent.ProcessLog(ref, pid, stream, o.data()));
                }
            } else if (p instanceof CaptureMode.Communication c) {
                publish.accept(new EngineEvent.ProcessCommunication(ref, pid, stream, c.data()));
                log.debug("'" + ref.name() + "' " + stream.wireName() + " emitted a comm event");
            }
        }
    }

    @Override
    public void spawned(int pid, ProcessStdin stdin) {
        this.pid = pid;
        next.spawned(pid, stdin);
    }

    @Override
    public void exited() {
        if (stdout != null) {
            pieces(EngineEvent.Stream.STDOUT, stdout.eof());
        }
        if (stderr != null) {
            pieces(EngineEvent.Stream.STDERR, stderr.eof());
        }
        next.exited();
    }
}
