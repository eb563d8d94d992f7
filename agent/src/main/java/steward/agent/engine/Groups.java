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
import steward.compat.api.ProcessInfo;
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
        ProcessGroup group = new ProcessGroup(gc);
        for (ProcessConfig pc : gc.processes()) {
            LogSink out = logSinks.open(pc.stdout(), pc.name(), "stdout");
            LogSink err = pc.redirectStderr() ? null : logSinks.open(pc.stderr(), pc.name(), "stderr");
            group.add(new ProcessRunner(new ProcessRef(gc.name(), pc.name()), pc, ctx, new ProcessLogs(out, err)));
        }
        groups.put(gc.name(), group);
        ctx.events().publish(new EngineEvent.GroupChanged(gc.name(), true));
        return group;
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
        groups.values().forEach(g -> g.runners().forEach(ProcessRunner::close));
        groups.clear();
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

    /** Every process's info (with {@code now} 0), sorted by group, then name. */
    List<ProcessInfo> infos() {
        List<ProcessInfo> all = new ArrayList<>();
        for (ProcessRunner r : runners()) {
            all.add(r.info(0));
        }
        all.sort(Comparator.comparing(ProcessInfo::group).thenComparing(ProcessInfo::name));
        return List.copyOf(all);
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
