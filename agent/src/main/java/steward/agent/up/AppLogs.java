package steward.agent.up;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import steward.agent.container.LogPrinter;
import steward.agent.container.LogTail;

/**
 * The logs of every agent of an app, interleaved on one stream as they are written: each line
 * prefixed with its source ({@code node}), and with its service when the app runs several agents
 * ({@code www/node}).
 */
public final class AppLogs {
    private final LogPrinter printer;
    private final boolean prefixService;
    private final List<LogTail> tails = new ArrayList<>();
    private Thread thread;

    public AppLogs(PrintStream out, boolean colour, boolean prefixService) {
        this.printer = new LogPrinter(out, colour);
        this.prefixService = prefixService;
    }

    /** Starts following a unit's log directory from the current end of each log. */
    public synchronized void add(Unit unit) throws IOException {
        String label = unit.label();
        LogTail t = new LogTail(ChildAgent.logDir(unit.home()), Set.of(),
                (source, line) -> printer.accept(prefixService ? label + "/" + source : source, line));
        t.start(0);
        tails.add(t);
    }

    public synchronized void poll() {
        for (LogTail t : tails) {
            try {
                t.poll();
            } catch (IOException e) {
                // a log rotated or removed under us: the next look picks it up again
            }
        }
    }

    public void startFollowing() {
        thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                poll();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "steward-up-logs");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops following and prints what was written since the last look (the shutdown lines). */
    public void stop() throws InterruptedException {
        if (thread != null) {
            thread.interrupt();
            thread.join(5000);
        }
        poll();
    }
}
