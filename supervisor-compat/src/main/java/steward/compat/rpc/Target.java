package steward.compat.rpc;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import steward.compat.api.EngineView;
import steward.compat.api.Fault;
import steward.compat.api.GroupView;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessView;
import steward.compat.api.RpcFault;

/**
 * A resolved namespec (supervisor's split_namespec): {@code name} is process {@code name} of group
 * {@code name}; {@code g:p} is process {@code p} of {@code g}; {@code g:} and {@code g:*} are the
 * whole group ({@code process} empty). Resolved against one {@link EngineView}: a request reads
 * the engine's state once.
 */
record Target(String spec, String group, Optional<ProcessInfo> process) {

    static Target resolve(EngineView view, String spec) throws RpcFault {
        int colon = spec.indexOf(':');
        String group = colon < 0 ? spec : spec.substring(0, colon);
        String name = colon < 0 ? spec : spec.substring(colon + 1);
        if (!view.isActive(group)) {
            throw new RpcFault(Fault.BAD_NAME, spec);
        }
        if (name.isEmpty() || name.equals("*")) {
            return new Target(spec, group, Optional.empty());
        }
        ProcessInfo info = view.processInfo(new ProcessRef(group, name))
                .orElseThrow(() -> new RpcFault(Fault.BAD_NAME, spec));
        return new Target(spec, group, Optional.of(info));
    }

    /** The process; a whole-group spec is BAD_NAME here. */
    ProcessInfo requireProcess() throws RpcFault {
        return process.orElseThrow(() -> new RpcFault(Fault.BAD_NAME, spec));
    }

    static ProcessRef ref(ProcessInfo p) {
        return new ProcessRef(p.group(), p.name());
    }

    /** The processes of an active group in priority order, then by name. */
    static List<ProcessInfo> groupMembers(EngineView view, String group) {
        return view.group(group).stream()
                .flatMap(g -> g.processes().stream())
                .sorted(BY_PRIORITY)
                .map(view::info)
                .toList();
    }

    /** Every process: groups by group priority (ties by name), then process priority, then name. */
    static List<ProcessInfo> allByPriority(EngineView view) {
        return view.groups().stream()
                .sorted(Comparator.comparingInt(GroupView::priority).thenComparing(GroupView::name))
                .flatMap(g -> g.processes().stream().sorted(BY_PRIORITY))
                .map(view::info)
                .toList();
    }

    private static final Comparator<ProcessView> BY_PRIORITY =
            Comparator.comparingInt(ProcessView::priority).thenComparing(ProcessView::name);
}
