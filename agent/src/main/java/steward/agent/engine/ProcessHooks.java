package steward.agent.engine;

import java.util.List;
import steward.compat.api.ProcessRef;
import steward.compat.config.ProcessConfig;

/**
 * Seams for what other parts of the agent add to how a process is run, given to the engine in
 * {@link Engine.Options}. Each method is asked on the loop thread; the defaults change nothing.
 * Compose several with {@link #all}.
 */
public interface ProcessHooks {
    ProcessHooks NONE = new ProcessHooks() {
    };

    /**
     * The handler for a process's output, asked once when its group is activated. Return
     * {@code standard} to keep the log files, or a handler that observes or replaces it.
     */
    default OutputHandler output(ProcessRef ref, ProcessConfig config, OutputHandler standard) {
        return standard;
    }

    /**
     * An open descriptor the child gets as its stdin instead of a pipe (fcgi-program's listening
     * socket), asked at each spawn; -1 for the usual pipe. The engine neither closes nor owns it.
     */
    default int stdinFd(ProcessRef ref, ProcessConfig config) {
        return -1;
    }

    /** Why a hook refuses a spawn (a held socket that cannot be opened): becomes the process's spawnerr. */
    final class SpawnRefused extends Exception {
        public SpawnRefused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Open descriptors the child gets as fds 3, 4, … in this order (held sockets), asked at each
     * spawn; the hook keeps owning them. A refusal is a spawn error: the process backs off and retries.
     */
    default List<Integer> passFds(ProcessRef ref, ProcessConfig config) throws SpawnRefused {
        return List.of();
    }

    /**
     * Words appended (after a space) to variables of the child's final environment, or set when the
     * variable is absent ({@code NODE_OPTIONS}), asked at each spawn after {@link #environment}.
     */
    default java.util.Map<String, String> environmentAppend(ProcessRef ref, ProcessConfig config) {
        return java.util.Map.of();
    }

    /**
     * A start gate: whether the engine may start the process on its own now (autostart). A process
     * held back stays STOPPED and is started by {@link Engine#retryGated()} once the gate allows it.
     */
    default boolean mayStart(ProcessRef ref) {
        return true;
    }

    /** Why a process the start gate holds back waits (shown as its spawnerr), or "". */
    default String heldBecause(ProcessRef ref) {
        return "";
    }

    /**
     * Readiness: whether a STARTING process whose {@code startsecs} are over may enter RUNNING now.
     * One held back stays STARTING until {@link Engine#readiness} says it passed or failed.
     */
    default boolean mayRun(ProcessRef ref) {
        return true;
    }

    /** A line of status the process reported about itself (notify's STATUS=), or "". */
    default String statusText(ProcessRef ref) {
        return "";
    }

    /** Variables added to the child's environment at each spawn (before the program's own). */
    default java.util.Map<String, String> environment(ProcessRef ref, ProcessConfig config) {
        return java.util.Map.of();
    }

    /**
     * Completes, on the loop, when the process may be stopped by a shutdown or reload: an event
     * listener once the events raised so far reached it (or none can); any other at once. The
     * engine waits at most the process's {@code stopwaitsecs}.
     */
    default java.util.concurrent.CompletableFuture<Void> mayStop(ProcessRef ref) {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /**
     * A socket program's child {@code pid} is detached to drain (a restart or stop, not a redeploy nor
     * the daemon's stop): its stop signal waits until the returned future completes (on the loop
     * thread), or {@code drainsecs} passed, or the daemon stops; completed (the default) sends it at once.
     */
    default java.util.concurrent.CompletableFuture<Void> holdStop(ProcessRef ref, ProcessConfig config, int pid) {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /**
     * The hooks of {@code all}, in order: output handlers wrap each other, the first stdin fd wins, passed
     * fds are concatenated, every gate must allow.
     */
    static ProcessHooks all(List<ProcessHooks> all) {
        return new ProcessHooks() {
            @Override
            public OutputHandler output(ProcessRef ref, ProcessConfig config, OutputHandler standard) {
                OutputHandler h = standard;
                for (ProcessHooks x : all) {
                    h = x.output(ref, config, h);
                }
                return h;
            }

            @Override
            public int stdinFd(ProcessRef ref, ProcessConfig config) {
                for (ProcessHooks x : all) {
                    int fd = x.stdinFd(ref, config);
                    if (fd >= 0) {
                        return fd;
                    }
                }
                return -1;
            }

            @Override
            public List<Integer> passFds(ProcessRef ref, ProcessConfig config) throws SpawnRefused {
                List<Integer> fds = new java.util.ArrayList<>();
                for (ProcessHooks x : all) {
                    fds.addAll(x.passFds(ref, config));
                }
                return fds;
            }

            @Override
            public java.util.Map<String, String> environmentAppend(ProcessRef ref, ProcessConfig config) {
                java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
                all.forEach(x -> x.environmentAppend(ref, config).forEach((k, v) -> env.merge(k, v, ChildLaunch::join)));
                return env;
            }

            @Override
            public boolean mayStart(ProcessRef ref) {
                return all.stream().allMatch(x -> x.mayStart(ref));
            }

            @Override
            public String heldBecause(ProcessRef ref) {
                return all.stream().map(x -> x.heldBecause(ref)).filter(s -> !s.isEmpty()).findFirst().orElse("");
            }

            @Override
            public String statusText(ProcessRef ref) {
                for (ProcessHooks x : all) { // a loop, not a stream: every view of a process asks
                    String s = x.statusText(ref);
                    if (!s.isEmpty()) {
                        return s;
                    }
                }
                return "";
            }

            @Override
            public boolean mayRun(ProcessRef ref) {
                return all.stream().allMatch(x -> x.mayRun(ref));
            }

            @Override
            public java.util.concurrent.CompletableFuture<Void> mayStop(ProcessRef ref) {
                return java.util.concurrent.CompletableFuture.allOf(all.stream().map(x -> x.mayStop(ref))
                        .toArray(java.util.concurrent.CompletableFuture[]::new));
            }

            @Override
            public java.util.concurrent.CompletableFuture<Void> holdStop(ProcessRef ref, ProcessConfig config, int pid) {
                java.util.concurrent.CompletableFuture<?>[] held = all.stream().map(x -> x.holdStop(ref, config, pid))
                        .filter(f -> !f.isDone()).toArray(java.util.concurrent.CompletableFuture[]::new);
                @SuppressWarnings("unchecked") // one hook holding: its own future, so that a cancel reaches it
                java.util.concurrent.CompletableFuture<Void> one = held.length == 1
                        ? (java.util.concurrent.CompletableFuture<Void>) held[0] : null;
                return one != null ? one : java.util.concurrent.CompletableFuture.allOf(held);
            }

            @Override
            public java.util.Map<String, String> environment(ProcessRef ref, ProcessConfig config) {
                java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
                all.forEach(x -> env.putAll(x.environment(ref, config)));
                return env;
            }
        };
    }
}
