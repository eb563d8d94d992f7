package steward.agent.supervision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import steward.agent.engine.DaemonEnvironment;
import steward.agent.engine.Engine;
import steward.agent.logs.DaemonLog;
import steward.agent.readiness.NotifySocket;
import steward.agent.os.LibC;
import steward.agent.readiness.ReadyWatch;
import steward.agent.readiness.StatusLog;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.config.ProcessConfig;
import steward.compat.config.ReadyCheck;
import steward.compat.config.Users;

/**
 * {@code ready=} for every process that has it: a {@link ReadyWatch} from each STARTING until the
 * check passes (the engine then lets the process enter RUNNING) or {@code ready_timeout} runs out
 * (the engine kills it and counts a failed start). {@code notify} processes get a socket of their
 * own for their whole life in the group, named in {@code NOTIFY_SOCKET}; their {@code STATUS=} is
 * logged and kept. Loop thread only.
 */
final class ReadyChecks {
    private final Engine engine;
    private final DaemonLog log;
    private final Map<ProcessRef, ReadyWatch> watches = new HashMap<>();
    private final Map<ProcessRef, NotifySocket> sockets = new HashMap<>();
    private final Map<ProcessRef, StatusLog> statuses = new HashMap<>();
    private final Set<ProcessRef> ready = new HashSet<>();
    private Path socketDir;
    /** Makes every socket's name unique, whatever the process names (which may differ only in case). */
    private long socketsOpened;

    ReadyChecks(Engine engine, DaemonLog log) {
        this.engine = engine;
        this.log = log;
    }

    /** Whether {@code ref} passed its check since it last started (true when it has none). */
    boolean ready(ProcessRef ref, ProcessConfig config) {
        return config.container().ready().isEmpty() || ready.contains(ref);
    }

    /** NOTIFY_SOCKET for a notify process, opened on first use. */
    Map<String, String> environment(ProcessRef ref, ProcessConfig config) {
        if (!(config.container().ready().orElse(null) instanceof ReadyCheck.Notify)) {
            return Map.of();
        }
        NotifySocket s = sockets.get(ref);
        if (s == null) {
            try {
                if (socketDir == null) {
                    // private to the daemon, but a user= process must reach its own socket: 0711
                    socketDir = Files.createTempDirectory("steward-notify-");
                    Files.setPosixFilePermissions(socketDir, PosixFilePermissions.fromString("rwx--x--x"));
                }
                String safe = ref.namespec().replaceAll("[^A-Za-z0-9_.-]", "_");
                String file = ++socketsOpened + "-" + safe.substring(0, Math.min(safe.length(), 40)) + ".sock";
                StatusLog statusLog = new StatusLog(log, engine.loop().clock(), ref.name());
                s = NotifySocket.open(engine.loop(), socketDir.resolve(file), uidOf(config), status -> {
                    if (statusLog.update(status)) {
                        engine.infoChanged();
                    }
                });
                statuses.put(ref, statusLog);
                sockets.put(ref, s);
            } catch (IOException | RuntimeException e) {
                log.error("cannot open the notify socket of " + ref.name() + ": " + e.getMessage());
                return Map.of();
            }
        }
        return Map.of("NOTIFY_SOCKET", s.path().toString());
    }

    /** The uid a process runs as when the daemon (root) switches to its {@code user=}, else -1. */
    private static int uidOf(ProcessConfig config) {
        if (config.user().isEmpty() || LibC.geteuid() != 0) {
            return -1;
        }
        try {
            return Users.system().uidOf(config.user().get());
        } catch (RuntimeException e) {
            return -1; // the spawn reports the unknown user
        }
    }

    /** The last STATUS= a notify process sent, if any. */
    String status(ProcessRef ref) {
        StatusLog s = statuses.get(ref);
        return s == null ? "" : s.current();
    }

    /** {@code READY=1} said elsewhere than on NOTIFY_SOCKET (a socket program's notify pipe). */
    void notified(ProcessRef ref) {
        NotifySocket s = sockets.get(ref);
        if (s != null) {
            s.ready();
        }
    }

    void stateChanged(ProcessRef ref, ProcessConfig config, ProcessState to) {
        if (config.container().ready().isEmpty()) {
            return;
        }
        if (to == ProcessState.RUNNING) {
            return;
        }
        ReadyWatch old = watches.remove(ref);
        if (old != null) {
            old.stop();
        }
        ready.remove(ref);
        if (to != ProcessState.STARTING) {
            return;
        }
        ReadyCheck check = config.container().ready().get();
        NotifySocket socket = sockets.get(ref);
        if (check instanceof ReadyCheck.Notify && socket == null) {
            engine.readiness(ref, "ready=notify but no notify socket could be opened");
            return;
        }
        Map<String, String> env = DaemonEnvironment.withoutLauncherVariables();
        env.putAll(config.environment());
        List<String> envList = new ArrayList<>();
        env.forEach((k, v) -> envList.add(k + "=" + v));
        String dir = config.directory().orElse(null);
        watches.put(ref, ReadyWatch.start(engine.loop(), check, config.container().readyTimeoutSecs() * 1000L, socket,
                envList, dir, () -> {
                    watches.remove(ref);
                    ready.add(ref);
                    log.info("ready: " + ref.name() + " (" + describe(check) + ")");
                    engine.readiness(ref, null);
                }, reason -> {
                    watches.remove(ref);
                    engine.readiness(ref, reason);
                }));
    }

    private static String describe(ReadyCheck c) {
        if (c instanceof ReadyCheck.Tcp t) {
            return "tcp:" + t.host() + ":" + t.port();
        }
        if (c instanceof ReadyCheck.Http h) {
            return "http://" + h.host() + ":" + h.port() + h.path();
        }
        if (c instanceof ReadyCheck.Exec e) {
            return "exec:" + e.command();
        }
        return "notify";
    }

    /** Forgets a process whose group went away. */
    void removed(ProcessRef ref) {
        ReadyWatch w = watches.remove(ref);
        if (w != null) {
            w.stop();
        }
        NotifySocket s = sockets.remove(ref);
        if (s != null) {
            s.close();
        }
        ready.remove(ref);
        statuses.remove(ref);
    }

    /** Forgets every process of {@code group} (it went away). */
    void forgetGroup(String group) {
        known().stream().filter(ref -> ref.group().equals(group)).forEach(this::removed);
    }

    /** Forgets every process (a reload replaced them all). */
    void forgetAll() {
        known().forEach(this::removed);
    }

    private Set<ProcessRef> known() {
        Set<ProcessRef> all = new HashSet<>(watches.keySet());
        all.addAll(sockets.keySet());
        all.addAll(statuses.keySet());
        all.addAll(ready);
        return all;
    }

    void close() {
        forgetAll();
        if (socketDir != null) {
            try {
                Files.deleteIfExists(socketDir);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
