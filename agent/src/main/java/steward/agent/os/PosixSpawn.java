package steward.agent.os;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/**
 * posix_spawn with what supervised children need: their own process group (or session), an empty
 * signal mask and default dispositions for every signal (the JVM's spawning thread blocks some,
 * JDK-8234262), stdio on the given fds, passed fds from 3 on, every other fd closed, and an optional working directory.
 * Call it from one thread at a time (the umask is swapped around the call).
 */
public final class PosixSpawn {
    private static final int SIGSET_BYTES = 128;
    private static final int ACTIONS_BYTES = 256;
    private static final int ATTR_BYTES = 512;

    private PosixSpawn() {
    }

    /**
     * What to spawn. {@code umask} < 0 keeps the current one; {@code passFds} become the child's
     * fds 3, 4, … (not close-on-exec there), every other fd above 2 is closed.
     */
    public record Request(String path, List<String> argv, List<String> env, String directory,
                          int umask, int stdin, int stdout, int stderr, boolean newSession, List<Integer> passFds) {
        public Request {
            passFds = List.copyOf(passFds);
        }

        public Request(String path, List<String> argv, List<String> env, String directory,
                       int umask, int stdin, int stdout, int stderr, boolean newSession) {
            this(path, argv, env, directory, umask, stdin, stdout, stderr, newSession, List.of());
        }
    }

    /** Thrown when posix_spawn itself fails; {@code errno} is what exec or chdir reported. */
    public static final class SpawnException extends Exception {
        private final int errno;

        SpawnException(int errno) {
            super(Errno.name(errno), null, false, false);
            this.errno = errno;
        }

        public int errno() {
            return errno;
        }
    }

    /** Spawns and returns the pid. */
    public static int spawn(Request r) throws SpawnException {
        try (Memory block = new Memory(ACTIONS_BYTES + ATTR_BYTES + 2 * SIGSET_BYTES);
             CStrings argv = new CStrings(r.argv());
             CStrings env = new CStrings(r.env())) {
            Pointer actions = block.share(0, ACTIONS_BYTES);
            Pointer attr = block.share(ACTIONS_BYTES, ATTR_BYTES);
            Pointer mask = block.share(ACTIONS_BYTES + ATTR_BYTES, SIGSET_BYTES);
            Pointer defaults = block.share(ACTIONS_BYTES + ATTR_BYTES + SIGSET_BYTES, SIGSET_BYTES);
            return spawn(r, actions, attr, mask, defaults, argv.pointer(), env.pointer());
        }
    }

    private static int spawn(Request r, Pointer actions, Pointer attr, Pointer mask, Pointer defaults,
                             Pointer argv, Pointer env) throws SpawnException {
        // a passed fd that already sits in 0..2+n would be overwritten by an earlier dup2 (or, dup2'ed
        // onto itself, keep its close-on-exec flag): such sources are copied above the range first
        int firstFree = 3 + r.passFds().size();
        List<Integer> copies = new ArrayList<>();
        try {
            List<Integer> sources = new ArrayList<>();
            for (int fd : r.passFds()) {
                if (fd < firstFree) {
                    int copy = LibC.fcntl(fd, LibC.F_DUPFD_CLOEXEC, firstFree);
                    if (copy < 0) {
                        throw new SpawnException(Native.getLastError());
                    }
                    copies.add(copy);
                    fd = copy;
                }
                sources.add(fd);
            }
            return spawn(r, sources, actions, attr, mask, defaults, argv, env);
        } finally {
            copies.forEach(Fds::close);
        }
    }

    private static int spawn(Request r, List<Integer> passed, Pointer actions, Pointer attr, Pointer mask,
                             Pointer defaults, Pointer argv, Pointer env) throws SpawnException {
        check(LibC.posix_spawn_file_actions_init(actions));
        check(LibC.posix_spawnattr_init(attr));
        try {
            check(LibC.posix_spawn_file_actions_adddup2(actions, r.stdin(), 0));
            check(LibC.posix_spawn_file_actions_adddup2(actions, r.stdout(), 1));
            check(LibC.posix_spawn_file_actions_adddup2(actions, r.stderr(), 2));
            if (r.directory() != null) {
                check(LibC.posix_spawn_file_actions_addchdir_np(actions, r.directory()));
            }
            for (int i = 0; i < passed.size(); i++) {
                check(LibC.posix_spawn_file_actions_adddup2(actions, passed.get(i), 3 + i));
            }
            check(LibC.posix_spawn_file_actions_addclosefrom_np(actions, 3 + passed.size()));
            LibC.sigemptyset(mask);
            // Every signal back to its default, glibc's internal ones (32, 33) too: sigfillset leaves
            // them out, and posix_spawn would then start the child with them ignored.
            defaults.setMemory(0, SIGSET_BYTES, (byte) 0xff);
            short flags = (short) (LibC.POSIX_SPAWN_SETSIGMASK | LibC.POSIX_SPAWN_SETSIGDEF
                    | (r.newSession() ? LibC.POSIX_SPAWN_SETSID : LibC.POSIX_SPAWN_SETPGROUP));
            check(LibC.posix_spawnattr_setflags(attr, flags));
            check(LibC.posix_spawnattr_setpgroup(attr, 0));
            check(LibC.posix_spawnattr_setsigmask(attr, mask));
            check(LibC.posix_spawnattr_setsigdefault(attr, defaults));
            int[] pid = new int[1];
            int old = r.umask() >= 0 ? LibC.umask(r.umask()) : -1;
            int rc;
            try {
                rc = LibC.posix_spawn(pid, r.path(), actions, attr, argv, env);
            } finally {
                if (old >= 0) {
                    LibC.umask(old);
                }
            }
            if (rc != 0) {
                throw new SpawnException(rc);
            }
            return pid[0];
        } finally {
            LibC.posix_spawn_file_actions_destroy(actions);
            LibC.posix_spawnattr_destroy(attr);
        }
    }

    private static void check(int rc) throws SpawnException {
        if (rc != 0) {
            throw new SpawnException(rc);
        }
    }

    /** A pidfd for {@code pid}: readable once the process has exited (Linux ≥ 5.3). */
    public static int pidfdOpen(int pid) {
        int fd = (int) LibC.syscall(LibC.SYS_PIDFD_OPEN, (long) pid, 0L);
        if (fd < 0) {
            throw new IllegalStateException("pidfd_open(" + pid + "): " + Errno.name(Native.getLastError()));
        }
        return fd;
    }
}
