package steward.builder.exec;

/** Receives a running command's output, one line at a time (stdout and stderr interleaved). */
@FunctionalInterface
public interface OutputListener {
    OutputListener NONE = line -> { };

    void line(String line);
}
