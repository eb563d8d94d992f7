package steward.compat.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code depends_on} across the whole configuration: every name is a program or a group, and the
 * programs' dependencies have no cycle. Errors name the file, line and key of the offending
 * {@code depends_on}.
 */
final class DependencyCheck {
    private DependencyCheck() {
    }

    static void check(ParseContext ctx, List<GroupConfig> groups) throws ConfError {
        Map<String, Set<String>> programsOf = new LinkedHashMap<>();
        Map<String, List<String>> declared = new LinkedHashMap<>();
        for (GroupConfig g : groups) {
            for (ProcessConfig p : g.processes()) {
                programsOf.computeIfAbsent(g.name(), k -> new LinkedHashSet<>()).add(p.programName());
                programsOf.computeIfAbsent(p.programName(), k -> new LinkedHashSet<>()).add(p.programName());
                declared.putIfAbsent(p.programName(), p.container().dependsOn());
            }
        }
        Map<String, Set<String>> edges = new LinkedHashMap<>();
        for (var e : declared.entrySet()) {
            Set<String> to = new LinkedHashSet<>();
            for (String name : e.getValue()) {
                Set<String> targets = programsOf.get(name);
                if (targets == null) {
                    throw ctx.values("program:" + e.getKey()).error("depends_on",
                            "names unknown program or group " + Py.repr(name));
                }
                to.addAll(targets);
            }
            edges.put(e.getKey(), to);
        }
        Set<String> done = new LinkedHashSet<>();
        for (String start : edges.keySet()) {
            List<String> cycle = cycleFrom(start, edges, new ArrayList<>(), done);
            if (cycle != null) {
                throw ctx.values("program:" + cycle.get(0)).error("depends_on",
                        "dependency cycle: " + String.join(" -> ", cycle));
            }
        }
    }

    /** Depth-first; returns the cycle (first name repeated at the end) reachable from {@code node}, if any. */
    private static List<String> cycleFrom(String node, Map<String, Set<String>> edges, List<String> path,
            Set<String> done) {
        if (done.contains(node)) {
            return null;
        }
        int at = path.indexOf(node);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(node);
            return cycle;
        }
        path.add(node);
        for (String next : edges.getOrDefault(node, Set.of())) {
            List<String> c = cycleFrom(next, edges, path, done);
            if (c != null) {
                return c;
            }
        }
        path.remove(path.size() - 1);
        done.add(node);
        return null;
    }
}
