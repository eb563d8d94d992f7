package steward.agent.container;

import com.sun.jna.Memory;
import java.util.Set;
import java.util.function.Supplier;
import steward.agent.logs.DaemonLog;
import steward.agent.os.LibC;

/**
 * Reaps orphaned grandchildren, as PID 1 (or a child subreaper) must, without stealing an exit
 * status someone else waits for. The agent marks itself a child subreaper, so orphans of its
 * programs are re-parented to it even when it is not PID 1. Once a second it peeks at one waitable
 * child with {@code waitid(P_ALL, WNOWAIT)} (one system call, nothing reaped); a zombie is reaped
 * only when it was already waiting at the previous look (the engine reaps its programs at once
 * through their pidfds, and the JVM's reaper thread waits on every child the JVM started, such as
 * hooks) and is not the pid of a program the engine holds. Then it looks again, until nothing
 * stale is left.
 */
final class OrphanReaper implements AutoCloseable {
    private static final long INTERVAL_MS = 1000;

    private final Supplier<Set<Integer>> enginePids;
    private final DaemonLog log;
    private final Thread thread;
    private final Memory siginfo = new Memory(128);
    private volatile boolean running = true;
    private int seenBefore;

    private OrphanReaper(Supplier<Set<Integer>> enginePids, DaemonLog log) {
        this.enginePids = enginePids;
        this.log = log;
        this.thread = new Thread(this::loop, "steward-reaper");
        thread.setDaemon(true);
    }

    static OrphanReaper start(Supplier<Set<Integer>> enginePids, DaemonLog log) {
        if (LibC.prctl(LibC.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) {
            log.warn("could not become a child subreaper; orphans are reaped only when running as PID 1");
        }
        OrphanReaper r = new OrphanReaper(enginePids, log);
        r.thread.start();
        return r;
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(INTERVAL_MS);
                reapOnce();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("orphan reaper: " + e);
            }
        }
    }

    /** One look: reaps waiting children that were already waiting last time and the engine does not own. */
    int reapOnce() {
        int reaped = 0;
        while (true) {
            siginfo.clear();
            if (LibC.waitid(LibC.P_ALL, 0, siginfo, LibC.WEXITED | LibC.WNOHANG | LibC.WNOWAIT) != 0) {
                seenBefore = 0;
                return reaped;
            }
            int pid = siginfo.getInt(16);
            if (pid == 0 || pid != seenBefore || enginePids.get().contains(pid)) {
                seenBefore = pid;
                return reaped;
            }
            if (LibC.waitpid(pid, new int[1], LibC.WNOHANG) == pid) {
                reaped++;
                log.debug("reaped orphaned process " + pid);
            }
            seenBefore = 0;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
