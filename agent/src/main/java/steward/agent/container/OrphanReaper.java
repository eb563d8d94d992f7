package steward.agent.container;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import steward.agent.logs.DaemonLog;
import steward.agent.os.Errno;
import steward.agent.os.LibC;

/**
 * Reaps orphaned grandchildren, as PID 1 (or a child subreaper) must, as soon as they exit and
 * without stealing an exit status someone else waits for. The agent marks itself a child
 * subreaper, so orphans of its programs are re-parented to it even when it is not PID 1.
 *
 * <p>Its thread sleeps in {@code waitid(P_ALL, WEXITED | WNOWAIT)}, which the kernel wakes when any
 * child becomes waitable, without reaping it. Then it looks at every child (the
 * {@code /proc/self/task/*}{@code /children} lists) and asks each, by pid and still with
 * {@code WNOWAIT}, whether it is a zombie. A zombie is left to its owner when the engine holds its
 * pid or a pidfd of this process refers to it (the engine, cron, exec probes and the watchdog
 * reap through pidfds); any other zombie is reaped by pid once it has been a zombie for
 * {@link #GRACE_MS} (the JVM's own reaper thread waits on the children the JVM started, such as
 * {@code getent}, and takes them within microseconds). While owned zombies wait for their
 * owner, it looks again every {@link #GRACE_MS}; with no child at all, every
 * {@link #IDLE_MS}.
 */
final class OrphanReaper implements AutoCloseable {
    static final long GRACE_MS = 100;
    static final long IDLE_MS = 250;
    private static final int P_PID = 1;

    private final Supplier<Set<Integer>> enginePids;
    private final DaemonLog log;
    private final Thread thread;
    private final Memory siginfo = new Memory(128);
    private final Map<Integer, Long> zombieSince = new HashMap<>();
    private volatile boolean running = true;

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
                siginfo.clear();
                if (LibC.waitid(LibC.P_ALL, 0, siginfo, LibC.WEXITED | LibC.WNOWAIT) != 0) {
                    if (com.sun.jna.Native.getLastError() == Errno.ECHILD) {
                        pause(IDLE_MS);
                    }
                    continue;
                }
                if (sweep(siginfo.getInt(16)) > 0) {
                    pause(GRACE_MS);
                }
            } catch (RuntimeException e) {
                log.warn("orphan reaper: " + e);
                pause(IDLE_MS);
            }
        }
    }

    private static void pause(long millis) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** One look at every child (and {@code woken}): reaps the orphans that are zombies; returns how many zombies are left. */
    int sweep(int woken) {
        long now = System.nanoTime();
        Set<Integer> zombies = new HashSet<>();
        Set<Integer> children = children();
        children.add(woken);
        for (int pid : children) {
            siginfo.clear();
            if (LibC.waitid(P_PID, pid, siginfo, LibC.WEXITED | LibC.WNOHANG | LibC.WNOWAIT) == 0
                    && siginfo.getInt(16) == pid) {
                zombies.add(pid);
            }
        }
        zombieSince.keySet().retainAll(zombies);
        if (zombies.isEmpty()) {
            return 0;
        }
        Set<Integer> owned = new HashSet<>(enginePids.get());
        owned.addAll(pidfdTargets());
        int left = 0;
        for (int pid : zombies) {
            long since = zombieSince.computeIfAbsent(pid, p -> now);
            if (!owned.contains(pid) && now - since >= TimeUnit.MILLISECONDS.toNanos(GRACE_MS)
                    && LibC.waitpid(pid, new int[1], LibC.WNOHANG) == pid) {
                zombieSince.remove(pid);
                log.debug("reaped orphaned process " + pid);
            } else {
                left++;
            }
        }
        return left;
    }

    /** The pids of this process's children, whichever thread they hang from. */
    private static Set<Integer> children() {
        return fromEach(Path.of("/proc/self/task"), (task, out) -> {
            for (String pid : Files.readString(task.resolve("children")).trim().split(" ")) {
                if (!pid.isEmpty()) {
                    out.add(Integer.parseInt(pid));
                }
            }
        });
    }

    /** The pids that this process's pidfds refer to (their owners reap them). */
    private static Set<Integer> pidfdTargets() {
        return fromEach(Path.of("/proc/self/fd"), (fd, out) -> {
            if (Files.readSymbolicLink(fd).toString().equals("anon_inode:[pidfd]")) {
                for (String l : Files.readAllLines(Path.of("/proc/self/fdinfo", fd.getFileName().toString()))) {
                    if (l.startsWith("Pid:")) {
                        out.add(Integer.parseInt(l.substring(4).trim()));
                    }
                }
            }
        });
    }

    /** Reads a pid out of one entry of a /proc directory into {@code out}. */
    private interface EntryReader {
        void read(Path entry, Set<Integer> out) throws IOException;
    }

    /** What {@code reader} finds in the entries of {@code dir}; an entry gone meanwhile (a thread, an fd) is skipped. */
    private static Set<Integer> fromEach(Path dir, EntryReader reader) {
        Set<Integer> out = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                try {
                    reader.read(e, out);
                } catch (IOException | NumberFormatException gone) {
                    // ended or closed meanwhile
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
