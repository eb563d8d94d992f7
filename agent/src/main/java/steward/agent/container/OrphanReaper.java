package steward.agent.container;

import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import steward.agent.logs.DaemonLog;
import steward.agent.os.LibC;

/**
 * Reaps orphaned grandchildren, as PID 1 (or a child subreaper) must, without stealing an exit
 * status someone else waits for. The agent marks itself a child subreaper, so orphans of its
 * programs are re-parented to it even when it is not PID 1. Twice a second it lists its zombie
 * children from /proc; a zombie is reaped only when it was already a zombie at the previous look
 * (the engine reaps its programs at once through their pidfds, and the JVM's own reaper thread
 * waits on every child the JVM started, such as hooks) and is not the pid of any program the
 * engine still holds. Everything else is left to its owner.
 */
final class OrphanReaper implements AutoCloseable {
    private static final long INTERVAL_MS = 500;

    private final Supplier<Set<Integer>> enginePids;
    private final DaemonLog log;
    private final int self = (int) ProcessHandle.current().pid();
    private final Thread thread;
    private volatile boolean running = true;
    private Set<Integer> seenBefore = Set.of();

    private OrphanReaper(Supplier<Set<Integer>> enginePids, DaemonLog log) {
        this.enginePids = enginePids;
        this.log = log;
        this.thread = new Thread(this::loop, "steward-reaper");
        thread.setDaemon(true);
    }

    static OrphanReaper start(Supplier<Set<Integer>> enginePids, DaemonLog log) {
        if (LibC.C.prctl(LibC.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) {
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

    /** One look: reaps the zombies already seen last time that the engine does not own. */
    int reapOnce() {
        Set<Integer> zombies = zombieChildren();
        Set<Integer> stale = new HashSet<>(zombies);
        stale.retainAll(seenBefore);
        seenBefore = zombies;
        if (stale.isEmpty()) {
            return 0;
        }
        stale.removeAll(enginePids.get());
        int reaped = 0;
        for (int pid : stale) {
            if (LibC.C.waitpid(pid, new IntByReference(), LibC.WNOHANG) == pid) {
                reaped++;
                log.debug("reaped orphaned process " + pid);
            }
        }
        return reaped;
    }

    private Set<Integer> zombieChildren() {
        Set<Integer> out = new HashSet<>();
        try (var entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : entries) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 3);
                    if (rest[0].equals("Z") && Integer.parseInt(rest[1]) == self) {
                        out.add(Integer.parseInt(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException ignored) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            log.warn("orphan reaper cannot list /proc: " + e.getMessage());
        }
        return out;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
