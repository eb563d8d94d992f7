package steward.agent.logs;

/** Wraps the sink of a process' output channel (the {@code --log-stdout} mirror); identity by default. */
@FunctionalInterface
public interface SinkTap {
    SinkTap NONE = (sink, processName, channel) -> sink;

    /** {@code channel} is "stdout" or "stderr". */
    LogSink wrap(LogSink sink, String processName, String channel);

    /** Every line of every channel also goes to {@code mirror}, with the process name as its source. */
    static SinkTap mirror(StdoutMirror mirror) {
        return (sink, processName, channel) -> new MirroredSink(sink, mirror, processName, channel);
    }
}
