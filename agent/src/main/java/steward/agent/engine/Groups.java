package steward.agent.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import steward.agent.logs.LogSink;
import steward.agent.logs.LogSinks;
import steward.compat.api.ConfigDiff;
import steward.compat.api.Fault;
import steward.compat.api.ProcessRef;
import steward.compat.api.RpcFault;
import steward.compat.config.DaemonConfig;
import steward.compat.config.GroupConfig;
import steward.compat.config.ProcessConfig;
import steward.compat.config.SupervisordConf;
import steward.compat.events.EngineEvent;

/**
 * The active groups, each with one {@link ProcessRunner} per process and its log files; adding
 * and removing a group publishes PROCESS_GROUP_ADDED/REMOVED. Loop thread only.
 */
final class Groups {
    private final EngineContext ctx;
    private final Map<String, ProcessGroup> groups = new LinkedHashMap<>();
    /** A redeploy's new groups running beside the active ones of the same name (see {@link Staging}). */
    private final Map<String, ProcessGroup> staged = new LinkedHashMap<>();
    private LogSinks logSinks;

    Groups(EngineContext ctx, DaemonConfig daemon) {
        this.ctx = ctx;
        useLogDirectory(daemon);
    }

    /** Where AUTO log files go from now on ([supervisord] childlogdir, identifier); removes stale ones unless nocleanup. */
    void useLogDirectory(DaemonConfig daemon) {
        logSinks = new LogSinks(daemon.childlogdir(), daemon.identifier(), ctx.log()::warn);
        if (!daemon.nocleanup()) {
            logSinks.removeStaleAutoLogs();
        }
    }

    ProcessGroup add(GroupConfig gc) {
        ProcessGroup group = build(gc, gc.name());
        groups.put(gc.name(), group);
        ctx.events().publish(new EngineEvent.GroupChanged(gc.name(), true));
        return group;
    }

    /** A group of {@code gc}'s processes named {@code name} in their refs (the staged name for a staged group). */
    private ProcessGroup build(GroupConfig gc, String name) {
        ProcessGroup group = new ProcessGroup(gc);
        for (ProcessConfig pc : gc.processes()) {
            LogSink out = logSinks.open(pc.stdout(), pc.name(), "stdout");
            LogSink err = pc.redirectStderr() ? null : logSinks.open(pc.stderr(), pc.name(), "stderr");
            group.add(new ProcessRunner(new ProcessRef(name, pc.name()), pc, ctx, new ProcessLogs(out, err)));
        }
        return group;
    }

    /** Creates {@code gc} as a staged group beside the active one of its name; PROCESS_GROUP_ADDED names it NAME~next. */
    ProcessGroup stage(GroupConfig gc) {
        ProcessGroup group = build(gc, Staging.stagedName(gc.name()));
        staged.put(gc.name(), group);
        ctx.events().publish(new EngineEvent.GroupChanged(Staging.stagedName(gc.name()), true));
        return group;
    }

    /** The staged groups (their processes' refs carry the staged name). */
    Collection<ProcessGroup> stagedGroups() {
        return staged.values();
    }

    Optional<ProcessGroup> staged(String name) {
        return Optional.ofNullable(staged.get(name));
    }

    /**
     * The staged group of {@code name} becomes the active one: a fresh group of its configuration
     * under the real name adopts the staged children, the old group's children drain. No group
     * event for the name (it stays active); PROCESS_GROUP_REMOVED for the staged name.
     */
    ProcessGroup promote(String name) {
        ProcessGroup next = staged.remove(name);
        ProcessGroup fresh = build(next.config(), name);
        for (ProcessRunner r : fresh.runners()) {
            next.runner(r.ref().name()).ifPresent(r::adopt);
        }
        ProcessGroup old = groups.put(name, fresh);
        if (old != null) {
            old.runners().forEach(ProcessRunner::retire);
            old.runners().forEach(ProcessRunner::close);
        }
        next.runners().forEach(ProcessRunner::close);
        ctx.events().publish(new EngineEvent.GroupChanged(Staging.stagedName(name), false));
        return fresh;
    }

    /** Forgets a staged group whose processes are all stopped. */
    void discard(String name) {
        ProcessGroup next = staged.remove(name);
        if (next != null) {
            next.runners().forEach(ProcessRunner::close);
            ctx.events().publish(new EngineEvent.GroupChanged(Staging.stagedName(name), false));
        }
    }

    /** The active groups and the staged ones, for a shutdown. */
    List<ProcessGroup> everything() {
        List<ProcessGroup> all = new ArrayList<>(groups.values());
        all.addAll(staged.values());
        return all;
    }

    /** Removes a group whose processes are all stopped. Faults: BAD_NAME, STILL_RUNNING. */
    void remove(String name) throws RpcFault {
        ProcessGroup g = groups.get(name);
        if (g == null) {
            throw new RpcFault(Fault.BAD_NAME, name);
        }
        if (!g.allStopped()) {
            throw new RpcFault(Fault.STILL_RUNNING, name);
        }
        groups.remove(name);
        g.runners().forEach(ProcessRunner::close);
        ctx.events().publish(new EngineEvent.GroupChanged(name, false));
    }

    /** Releases every group's files and pipes (their processes are stopped), as a reload or shutdown does. */
    void closeAll() {
        everything().forEach(g -> g.runners().forEach(ProcessRunner::close));
        groups.clear();
        staged.clear();
    }

    /** Autostarts the processes of {@code added} in ascending priority. */
    static void autostart(List<ProcessGroup> added) {
        added.stream()
                .flatMap(g -> g.runners().stream())
                .sorted(Comparator.comparingInt((ProcessRunner r) -> r.config().priority()))
                .forEach(ProcessRunner::autostart);
    }

    boolean contains(String name) {
        return groups.containsKey(name);
    }

    /** The active group of that name. */
    Optional<ProcessGroup> active(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    Collection<ProcessGroup> all() {
        return groups.values();
    }

    List<ProcessRunner> runners() {
        List<ProcessRunner> all = new ArrayList<>();
        groups.values().forEach(g -> all.addAll(g.runners()));
        return all;
    }

    Optional<ProcessRunner> runner(ProcessRef ref) {
        ProcessGroup g = groups.get(ref.group());
        return g == null ? Optional.empty() : g.runner(ref.name());
    }

    ProcessRunner runnerOrFault(ProcessRef ref) throws RpcFault {
        return runner(ref).orElseThrow(() -> new RpcFault(Fault.BAD_NAME, ref.namespec()));
    }

    /** How {@code fresh} differs from the active groups (supervisor.reloadConfig's answer). */
    ConfigDiff diff(SupervisordConf fresh) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (GroupConfig gc : fresh.groups()) {
            ProcessGroup g = groups.get(gc.name());
            if (g == null) {
                added.add(gc.name());
            } else if (!g.config().equals(gc)) {
                changed.add(gc.name());
            }
        }
        for (String name : groups.keySet()) {
            if (fresh.group(name).isEmpty()) {
                removed.add(name);
            }
        }
        return new ConfigDiff(added, changed, removed);
    }
}
