package steward.agent.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import steward.agent.os.Fds;
import steward.agent.os.LibC;
import steward.agent.os.PosixSpawn;

/**
 * Backgrounds the daemon as supervisord does without -n: the same command is started again in a new
 * session with {@code --daemonized}, stdio on /dev/null and cwd = [supervisord] directory (or /);
 * this process waits until the child has written its pidfile (or died) and exits.
 */
final class Daemonizer {
    private static final long READY_TIMEOUT_MS = 30_000;

    private Daemonizer() {
    }

    /** Returns the exit code for the launching process: 0 once the daemon runs, 1 if it died first. */
    static int relaunch(PidFile pidFile, Path directory) throws Exception {
        ProcessHandle.Info info = ProcessHandle.current().info();
        String java = info.command().orElseThrow(() -> new IllegalStateException("cannot find the java command"));
        List<String> argv = new ArrayList<>();
        argv.add(java);
        argv.addAll(List.of(info.arguments().orElseThrow(() -> new IllegalStateException("cannot read arguments"))));
        argv.add("--daemonized");
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        List<String> envList = new ArrayList<>();
        env.forEach((k, v) -> envList.add(k + "=" + v));
        int devnull = LibC.open("/dev/null", LibC.O_RDWR | LibC.O_CLOEXEC, 0);
        int pid;
        try {
            pid = PosixSpawn.spawn(new PosixSpawn.Request(java, argv, envList,
                    directory == null ? "/" : directory.toString(), -1, devnull, devnull, devnull, true));
        } finally {
            Fds.close(devnull);
        }
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        int[] status = new int[1];
        while (System.currentTimeMillis() < deadline) {
            if (pidFile.read().map(p -> p == pid).orElse(false)) {
                return 0;
            }
            if (LibC.waitpid(pid, status, LibC.WNOHANG) == pid) {
                System.err.println("steward: the daemon exited during start-up (status " + status[0]
                        + "); see its log file");
                return 1;
            }
            Thread.sleep(10);
        }
        System.err.println("steward: the daemon did not write " + pidFile.path() + " within 30 s");
        return 1;
    }
}
