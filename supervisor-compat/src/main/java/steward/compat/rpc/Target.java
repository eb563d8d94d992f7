package steward.compat.rpc;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import steward.compat.api.Fault;
import steward.compat.api.ProcessControl;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessRef;
import steward.compat.api.RpcFault;

/**
 * A resolved namespec (supervisor's split_namespec): {@code name} is process {@code name} of group
 * {@code name}; {@code g:p} is process {@code p} of {@code g}; {@code g:} and {@code g:*} are the
 * whole group ({@code process} empty).
 */
record Target(String spec, String group, Optional<ProcessInfo> process) {

    static Target resolve(ProcessControl control, String spec) throws RpcFault {
        int colon = spec.indexOf(':');
        String group = colon < 0 ? spec : spec.substring(0, colon);
        String name = colon < 0 ? spec : spec.substring(colon + 1);
        if (!control.isActive(group)) {
            throw new RpcFault(Fault.BAD_NAME, spec);
        }
        if (name.isEmpty() || name.equals("*")) {
            return new Target(spec, group, Optional.empty());
        }
        ProcessInfo info = control.processInfo(new ProcessRef(group, name))
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
    static List<ProcessInfo> groupMembers(ProcessControl control, String group) {
        return control.allProcessInfo().stream()
                .filter(p -> p.group().equals(group))
                .sorted(byPriority(control))
                .toList();
    }

    /** Every process: groups by group priority (ties by name), then process priority, then name. */
    static List<ProcessInfo> allByPriority(ProcessControl control) {
        var groupPrio = new java.util.HashMap<String, Integer>();
        control.configuredGroups().forEach(g -> groupPrio.put(g.name(), g.priority()));
        Comparator<ProcessInfo> byGroup = Comparator.comparingInt(p -> groupPrio.getOrDefault(p.group(), 999));
        return control.allProcessInfo().stream()
                .sorted(byGroup.thenComparing(ProcessInfo::group).thenComparing(byPriority(control)))
                .toList();
    }

    private static Comparator<ProcessInfo> byPriority(ProcessControl control) {
        return Comparator.<ProcessInfo>comparingInt(p -> control.priority(ref(p))).thenComparing(ProcessInfo::name);
    }
}
