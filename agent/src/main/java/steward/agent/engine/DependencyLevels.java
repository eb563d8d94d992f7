package steward.agent.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import steward.compat.config.GroupConfig;
import steward.compat.config.ProcessConfig;

/**
 * How deep each group sits in the {@code depends_on} graph: 0 for a group none of whose programs
 * depend on anything, else one more than the deepest group its programs depend on. Shutdown stops
 * the deepest first, so a program stops before what it depends on. Names that are not running
 * (removed groups) count as level 0; the parser has already refused cycles.
 */
final class DependencyLevels {
    private DependencyLevels() {
    }

    static Map<String, Integer> of(List<GroupConfig> groups) {
        Map<String, GroupConfig> byName = new HashMap<>();
        Map<String, String> groupOfProgram = new HashMap<>();
        for (GroupConfig g : groups) {
            byName.put(g.name(), g);
            for (ProcessConfig p : g.processes()) {
                groupOfProgram.put(p.programName(), g.name());
            }
        }
        Map<String, Integer> levels = new HashMap<>();
        for (GroupConfig g : groups) {
            level(g.name(), byName, groupOfProgram, levels, new HashSet<>());
        }
        return levels;
    }

    private static int level(String group, Map<String, GroupConfig> byName, Map<String, String> groupOfProgram,
            Map<String, Integer> levels, Set<String> visiting) {
        Integer known = levels.get(group);
        if (known != null) {
            return known;
        }
        GroupConfig g = byName.get(group);
        if (g == null || !visiting.add(group)) {
            return 0;
        }
        int level = 0;
        for (ProcessConfig p : g.processes()) {
            for (String dep : p.container().dependsOn()) {
                String target = byName.containsKey(dep) ? dep : groupOfProgram.get(dep);
                if (target != null && !target.equals(group)) {
                    level = Math.max(level, 1 + level(target, byName, groupOfProgram, levels, visiting));
                }
            }
        }
        visiting.remove(group);
        levels.put(group, level);
        return level;
    }
}
