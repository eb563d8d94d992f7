package steward.builder.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecuteResultHandler;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.LogOutputStream;
import org.apache.commons.exec.ProcessDestroyer;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Runs {@link Command}s through commons-exec: {@code /bin/sh -c}, output streamed line by line to a
 * listener, the last lines kept, and on timeout the whole process tree (the shell and every
 * descendant) killed, so a hook that forked a daemon cannot keep the build hanging. {@code PWD} is
 * set to the directory as given, so {@code pwd} shows {@code ~/current} rather than the release path.
 */
public final class CommandRunner {
    /** How many trailing output lines a {@link CommandResult} keeps. */
    public static final int KEPT_LINES = 20;
    private static final Duration PUMP_DRAIN = Duration.ofSeconds(2);

    public CommandResult run(Command command, OutputListener listener) {
        LastLines last = new LastLines(KEPT_LINES);
        Object lock = new Object();
        OutputListener both = line -> {
            synchronized (lock) {
                last.add(line);
                listener.line(line);
            }
        };
        LineSink out = new LineSink(both);
        LineSink err = new LineSink(both);
        PumpStreamHandler pumps = new PumpStreamHandler(out, err);
        pumps.setStopTimeout(PUMP_DRAIN);
        DefaultExecutor executor = DefaultExecutor.builder()
                .setWorkingDirectory(command.directory().toFile())
                .setExecuteStreamHandler(pumps)
                .get();
        executor.setExitValues(null);
        ProcessCapture capture = new ProcessCapture();
        executor.setProcessDestroyer(capture);
        CommandLine line = new CommandLine("/bin/sh").addArgument("-c").addArgument(command.script(), false);
        DefaultExecuteResultHandler handler = new DefaultExecuteResultHandler();
        long start = System.nanoTime();
        try {
            Map<String, String> env = new HashMap<>(command.environment());
            env.put("PWD", command.directory().toString());
            executor.execute(line, env, handler);
        } catch (IOException e) {
            return new CommandResult(-1, false, Duration.ZERO, last.snapshot(), e.getMessage());
        }
        boolean timedOut = false;
        try {
            handler.waitFor(command.timeout());
            if (!handler.hasResult()) {
                timedOut = true;
                capture.killTree();
                handler.waitFor();
            }
        } catch (InterruptedException e) {
            capture.killTree();
            Thread.currentThread().interrupt();
            return new CommandResult(-1, false, elapsed(start), last.snapshot(), "interrupted");
        }
        out.flush();
        err.flush();
        int exit = timedOut ? -1 : exitValue(handler);
        return new CommandResult(exit, timedOut, elapsed(start), last.snapshot(), startError(handler, capture));
    }

    private static int exitValue(DefaultExecuteResultHandler handler) {
        return handler.getException() != null ? handler.getException().getExitValue() : handler.getExitValue();
    }

    private static String startError(DefaultExecuteResultHandler handler, ProcessCapture capture) {
        if (capture.process.get() == null && handler.getException() != null) {
            return handler.getException().getMessage();
        }
        return null;
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Learns the started {@link Process} from commons-exec, which registers it with its destroyer. */
    private static final class ProcessCapture implements ProcessDestroyer {
        private final AtomicReference<Process> process = new AtomicReference<>();

        @Override
        public boolean add(Process p) {
            process.set(p);
            return true;
        }

        @Override
        public boolean remove(Process p) {
            return true;
        }

        @Override
        public int size() {
            return process.get() == null ? 0 : 1;
        }

        void killTree() {
            Process p = process.get();
            if (p == null) {
                return;
            }
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Splits the child's bytes into lines (UTF-8) for the listener. */
    private static final class LineSink extends LogOutputStream {
        private final OutputListener target;

        LineSink(OutputListener target) {
            super(0, StandardCharsets.UTF_8);
            this.target = target;
        }

        @Override
        protected void processLine(String line, int level) {
            target.line(line);
        }
    }
}
