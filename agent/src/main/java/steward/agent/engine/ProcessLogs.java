package steward.agent.engine;

import java.nio.file.Path;
import steward.agent.logs.LogSink;

/** A process's two log sinks; {@code stderr} is null when stderr is redirected into stdout. */
record ProcessLogs(LogSink stdout, LogSink stderr) {

    String stdoutPath() {
        return path(stdout);
    }

    String stderrPath() {
        return stderr == null ? "" : path(stderr);
    }

    /** Where the child's own reports go (Supervisor's forked child writes them to its stderr). */
    LogSink errors() {
        return stderr != null ? stderr : stdout;
    }

    /** Opens the files for a process about to start (see {@link LogSink#acquire}). */
    void acquire() throws LogSink.OpenFailed {
        stdout.acquire();
        if (stderr != null) {
            stderr.acquire();
        }
    }

    /** Log descriptors are held while a process runs only. */
    void release() {
        stdout.release();
        if (stderr != null) {
            stderr.release();
        }
    }

    void clear() {
        stdout.clear();
        if (stderr != null) {
            stderr.clear();
        }
    }

    void reopen() {
        stdout.reopen();
        if (stderr != null) {
            stderr.reopen();
        }
    }

    void close() {
        stdout.close();
        if (stderr != null) {
            stderr.close();
        }
    }

    private static String path(LogSink sink) {
        return sink.file().map(Path::toString).orElse("");
    }
}
