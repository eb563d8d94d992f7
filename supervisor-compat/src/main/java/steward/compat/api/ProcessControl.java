package steward.compat.api;

import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The process engine's boundary: <b>commands go in, one immutable view of all state comes out</b>
 * (and, for those who need every step, the engine's ordered event stream: {@code EventSource}).
 * The only way in from {@code rpc}, {@code http} and the agent's other parts; the agent's engine
 * implements it.
 *
 * <h2>Reading: {@link #view()}</h2>
 * Every state the engine keeps (its own state, each active group with its configuration and each
 * process's info, the configured groups) is in one {@link EngineView}, published by the engine
 * after each event and stamped with that event's serial. {@code view()} returns the latest: a
 * volatile read, no hop onto the engine's thread, never blocking. Read one view per request (or per
 * event) and answer everything from it: two reads may see two moments. Nothing outside the engine
 * keeps its own copy of process state; it reads the view again.
 *
 * <h2>Waiting: {@link #awaitView}</h2>
 * {@code awaitView(condition)} completes with the first view for which {@code condition} holds:
 * the current one if it holds already, else the one published by the first event that makes it
 * true. The condition is tested on the engine's thread, once at the call and once per event, so it
 * must be quick and must not block or call back into the engine's commands. The future is
 * completed on the engine's thread too, so stages added without an executor usually run there (or
 * on a thread calling {@code get}/{@code join} at that moment, as {@code CompletableFuture} allows):
 * continuations that block or take long belong in an {@code *Async} stage. The engine sets no deadline: the caller bounds the wait ({@code orTimeout},
 * {@code completeOnTimeout}) or cancels it; a future completed from outside is dropped by the
 * engine at its next event. For example, waiting up to 10 s for every process to stop:
 * <pre>
 * control.awaitView(v -&gt; v.processes().allMatch(p -&gt; p.state().isStopped()))
 *        .orTimeout(10, TimeUnit.SECONDS);
 * </pre>
 *
 * <h2>Commands</h2>
 * The other methods change something. They never block on process state: the waiting ones return
 * a future completed by the engine (exceptionally with an {@link RpcFault}); the synchronous ones
 * hop onto the engine's thread and return when it has acted. The engine alone decides whether a
 * command is allowed in a process's state (its refusals are Supervisor's faults). Group and "all"
 * operations are composed from these by the caller, over one view.
 */
public interface ProcessControl {

    /** The latest view of everything the engine knows, as of now; costs no hop onto the engine's thread. */
    EngineView view();

    /**
     * Completes, on the engine's thread, with the first view for which {@code condition} holds (the
     * current one, or the one published by the first event that makes it true). See the class
     * comment for what the condition and the continuations may do; the caller sets the deadline.
     * A condition that throws completes the future with its exception.
     */
    CompletableFuture<EngineView> awaitView(Predicate<EngineView> condition);

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

    /** Truncates the daemon's log. Faults: NO_FILE, FAILED. */
    void clearMainLog() throws RpcFault;

    /** Reopens every log file (what SIGUSR2 does). */
    void reopenLogs();

    /**
     * Re-reads the configuration file and compares it with the active groups; the views published
     * from now on carry it as {@link EngineView#configured}. Fault: CANT_REREAD.
     */
    ConfigDiff reread() throws RpcFault;

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
