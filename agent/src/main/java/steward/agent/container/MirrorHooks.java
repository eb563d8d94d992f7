package steward.agent.container;

import java.nio.ByteBuffer;
import steward.agent.engine.ForwardingOutput;
import steward.agent.engine.OutputHandler;
import steward.agent.engine.ProcessHooks;
import steward.agent.logs.LineSplitter;
import steward.agent.logs.StdoutMirror;
import steward.compat.api.ProcessRef;
import steward.compat.config.ProcessConfig;
import steward.compat.events.EngineEvent;

/** {@code --log-stdout}: every line a program writes also goes to the mirror, with its name and stream. */
final class MirrorHooks implements ProcessHooks {
    private final StdoutMirror mirror;

    MirrorHooks(StdoutMirror mirror) {
        this.mirror = mirror;
    }

    @Override
    public OutputHandler output(ProcessRef ref, ProcessConfig config, OutputHandler standard) {
        LineSplitter out = new LineSplitter(line -> mirror.record(ref.name(), "stdout", line));
        LineSplitter err = new LineSplitter(line -> mirror.record(ref.name(), "stderr", line));
        return new ForwardingOutput(standard) {
            @Override
            public void output(EngineEvent.Stream stream, ByteBuffer chunk) {
                (stream == EngineEvent.Stream.STDOUT ? out : err).accept(chunk);
                super.output(stream, chunk);
            }

            @Override
            public void exited() {
                out.flush();
                err.flush();
                super.exited();
            }
        };
    }
}
