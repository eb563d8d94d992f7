package steward.compat.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import steward.compat.config.GroupConfig;

/**
 * Everything the engine knows, at one moment, as one immutable value: the daemon's state, its
 * identifier and pid, its main log, the groups of the most recently read configuration, and each
 * active group with its processes. The engine publishes a new one after every event it raises
 * (and after a change no event reports, such as a re-read configuration, stamped with the serial
 * of the event before it); {@link ProcessControl#view()} hands out the latest, {@link
 * ProcessControl#awaitView} the first that satisfies a condition. Values are never changed: a reader
 * holds one and reads it as long as it likes, with no lock and no call into the engine.
 *
 * @param serial the serial of the engine event after which this view was published (0 before any)
 * @param now seconds (epoch) on the engine's clock when the view was read: what the {@link ProcessInfo}s
 *     of {@link #processInfo} and {@link #allProcessInfo} report as {@code now}
 * @param configured the groups of the configuration read at start or by the last {@code reread}, active or not
 * @param groups the active groups, sorted by name
 */
public record EngineView(long serial, long now, SupervisorState state, String identification, long daemonPid,
        Optional<Path> mainLogFile, List<GroupConfig> configured, List<GroupView> groups) {

    public EngineView {
        configured = List.copyOf(configured);
        groups = List.copyOf(groups);
    }

    /** This view as read at {@code now} (epoch seconds); nothing else differs. */
    public EngineView at(long now) {
        return now == this.now ? this
                : new EngineView(serial, now, state, identification, daemonPid, mainLogFile, configured, groups);
    }

    /** The active group of that name. */
    public Optional<GroupView> group(String name) {
        int i = GroupView.indexOf(groups, name);
        return i < 0 ? Optional.empty() : Optional.of(groups.get(i));
    }

    /** True when the group is active (running in the engine). */
    public boolean isActive(String group) {
        return group(group).isPresent();
    }

    /** The process, when its group is active and holds it. */
    public Optional<ProcessView> process(ProcessRef ref) {
        return group(ref.group()).flatMap(g -> g.process(ref.name()));
    }

    /** The process's info as of {@link #now}, when its group is active and holds it. */
    public Optional<ProcessInfo> processInfo(ProcessRef ref) {
        return process(ref).map(this::info);
    }

    /** Every process of every active group, by group name then process name, as of {@link #now}. */
    public List<ProcessInfo> allProcessInfo() {
        List<ProcessInfo> all = new ArrayList<>();
        for (GroupView g : groups) {
            for (ProcessView p : g.processes()) {
                all.add(info(p));
            }
        }
        return all;
    }

    /** Every process of every active group, by group name then process name. */
    public Stream<ProcessView> processes() {
        return groups.stream().flatMap(g -> g.processes().stream());
    }

    /** The configured group of that name (active or not). */
    public Optional<GroupConfig> configuredGroup(String name) {
        return configured.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** The info of {@code process} (one of this view's) as of {@link #now}. */
    public ProcessInfo info(ProcessView process) {
        ProcessInfo p = process.info();
        return p.now() == now ? p : new ProcessInfo(p.name(), p.group(), p.start(), p.stop(), now, p.state(),
                p.spawnerr(), p.exitstatus(), p.stdoutLogfile(), p.stderrLogfile(), p.pid(), p.statusText());
    }
}
