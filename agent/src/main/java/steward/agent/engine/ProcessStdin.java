package steward.agent.engine;

/** A running process's stdin, for an {@link OutputHandler}: writes never block the loop. */
public interface ProcessStdin {
    /** Queues {@code bytes} for the process; false when its stdin is closed (or not a pipe). */
    boolean write(byte[] bytes);
}
