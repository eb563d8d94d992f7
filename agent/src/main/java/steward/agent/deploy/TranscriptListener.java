package steward.agent.deploy;

import java.util.function.Consumer;
import steward.builder.base.BuildListener;

/**
 * The agent's builder listener: lines go to the transcript of the deploy in progress, or to the
 * agent's log when none is.
 */
public final class TranscriptListener implements BuildListener {
    private final Consumer<String> log;
    private volatile Transcript target;
    private final BuildListener lines = BuildListener.lines(this::emit);

    public TranscriptListener(Consumer<String> log) {
        this.log = log;
    }

    void attach(Transcript t) {
        this.target = t;
    }

    void detach() {
        this.target = null;
    }

    @Override
    public void progress(String line) {
        lines.progress(line);
    }

    @Override
    public void warning(String line) {
        lines.warning(line);
    }

    @Override
    public void output(String step, String line) {
        lines.output(step, line);
    }

    private void emit(String line) {
        Transcript t = target;
        if (t != null) {
            t.line(line);
        } else {
            log.accept(line);
        }
    }
}
