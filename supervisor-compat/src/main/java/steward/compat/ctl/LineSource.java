package steward.compat.ctl;

import java.io.IOException;

/** Where the shell's lines come from: a terminal (with editing) or any other stdin. */
interface LineSource extends AutoCloseable {
    /** Ctrl-C at the prompt: supervisorctl's KeyboardInterrupt, which leaves the shell. */
    final class Interrupted extends IOException {
        Interrupted() {
            super("interrupted");
        }
    }

    /**
     * Shows {@code prompt} and reads one line, without its line end.
     *
     * @return the line, or null at end of input
     * @throws Interrupted on Ctrl-C
     */
    String read(String prompt) throws IOException;

    /** As {@link #read}, not shown and not kept in the history (a password). */
    default String readSecret(String prompt) throws IOException {
        return read(prompt);
    }

    @Override
    default void close() throws IOException {
    }
}
