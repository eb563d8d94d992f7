package steward.compat.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import steward.compat.config.GroupConfig;

/**
 * What the control socket may ask of a process engine. The only way in from {@code rpc} and
 * {@code http}; the agent's engine implements it. Methods never block on process state: waiting
 * calls return a future completed by the engine (exceptionally with an {@link RpcFault}).
 * Group and "all" operations are composed from these by the caller.
 */
public interface ProcessControl {

    SupervisorState state();

    /** The {@code identifier} of [supervisord]. */
    String identification();

    /** The daemon's own pid. */
    long daemonPid();

    /** Every process of every active group, sorted by group name, then process name. */
    List<ProcessInfo> allProcessInfo();

    /** The process, when its group is active and holds it. */
    Optional<ProcessInfo> processInfo(ProcessRef ref);

    /** Process priority of an active process (for start/stop ordering of group calls). */
    int priority(ProcessRef ref);

    /**
     * Starts a process. Faults: BAD_NAME, ALREADY_STARTED, NO_FILE, NOT_EXECUTABLE, and, when waiting
     * for RUNNING, SPAWN_ERROR or ABNORMAL_TERMINATION. With {@code wait} false, completes once spawned.
     */
    CompletableFuture<Void> start(ProcessRef ref, boolean wait);

    /** Stops a process; with {@code wait}, completes when it is in a stopped state. Faults: BAD_NAME, NOT_RUNNING. */
    CompletableFuture<Void> stop(ProcessRef ref, boolean wait);

    /** Sends a signal to a process's main pid only, as Supervisor does. Faults: BAD_NAME, NOT_RUNNING, FAILED. */
    void signal(ProcessRef ref, int signo) throws RpcFault;

    /** Writes to the process's stdin. Faults: BAD_NAME, NOT_RUNNING, NO_FILE. */
    void sendStdin(ProcessRef ref, String chars) throws RpcFault;

    /** Truncates both log files of a process and their backups. Faults: BAD_NAME, FAILED. */
    void clearLogs(ProcessRef ref) throws RpcFault;

    /** The daemon's own log file, when it writes one to a file. */
    Optional<Path> mainLogFile();

    /** Truncates the daemon's log. Faults: NO_FILE, FAILED. */
    void clearMainLog() throws RpcFault;

    /** Reopens every log file (what SIGUSR2 does). */
    void reopenLogs();

    /** Re-reads the configuration file and compares it with the active groups. Fault: CANT_REREAD. */
    ConfigDiff reread() throws RpcFault;

    /** Groups of the most recently read configuration (parsed at start or by {@link #reread}). */
    List<GroupConfig> configuredGroups();

    /** True when the group is active (running in the engine). */
    boolean isActive(String group);

    /** Activates a configured group; autostart applies. Faults: BAD_NAME, ALREADY_ADDED. */
    void addGroup(String group) throws RpcFault;

    /** Removes a group whose processes are all stopped. Faults: BAD_NAME, STILL_RUNNING. */
    void removeGroup(String group) throws RpcFault;

    /**
     * Emits a REMOTE_COMMUNICATION event to subscribed event listeners (supervisor.sendRemoteCommEvent).
     * The default does nothing, for engines without event listeners; the call still succeeds, as in
     * supervisord when nobody subscribes.
     */
    default void sendRemoteCommEvent(String type, String data) {
    }

    /** Stops everything and exits. Returns at once. */
    void shutdown();

    /** Stops everything, re-reads the configuration and starts again in the same process. Returns at once. */
    void restart();
}
