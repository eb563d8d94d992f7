package steward.agent.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.compat.api.EngineView;
import steward.compat.api.GroupView;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessRef;
import steward.compat.api.ProcessState;
import steward.compat.api.ProcessView;
import steward.compat.api.SupervisorState;
import steward.compat.config.ConfParser;
import steward.compat.config.GroupConfig;
import steward.compat.config.ProcessConfig;
import steward.compat.config.SupervisordConf;

/** The start gate's verdicts from depends_on, over a parsed configuration. */
class DependenciesTest {
    @TempDir
    Path dir;

    @Test
    void waitsForEveryProcessOfEveryNamedProgramOrGroup() throws Exception {
        Path f = Files.writeString(dir.resolve("s.conf"), "[supervisord]\n"
                + "[program:db]\ncommand=/bin/cat\n"
                + "[program:w]\ncommand=/bin/cat\nnumprocs=2\nprocess_name=w%(process_num)d\n"
                + "[group:workers]\nprograms=w\n"
                + "[program:web]\ncommand=/bin/cat\ndepends_on=db,workers\n"
                + "[program:late]\ncommand=/bin/cat\ndepends_on=db\n");
        SupervisordConf conf = ConfParser.parse(f, Map.of(), "box");
        Map<ProcessRef, ProcessConfig> all = new LinkedHashMap<>();
        for (GroupConfig g : conf.groups()) {
            for (ProcessConfig p : g.processes()) {
                all.put(new ProcessRef(g.name(), p.name()), p);
            }
        }
        ProcessConfig web = all.get(new ProcessRef("web", "web"));
        Map<ProcessRef, ProcessState> states = new LinkedHashMap<>();
        assertEquals("waiting for db, workers:w0, workers:w1 to be ready",
                Dependencies.blocker(web, view(all, states, conf.groups())));
        states.put(new ProcessRef("db", "db"), ProcessState.RUNNING);
        states.put(new ProcessRef("workers", "w0"), ProcessState.RUNNING);
        states.put(new ProcessRef("workers", "w1"), ProcessState.STARTING);
        assertEquals("waiting for workers:w1 to be ready", Dependencies.blocker(web, view(all, states, conf.groups())));
        states.put(new ProcessRef("workers", "w1"), ProcessState.RUNNING);
        assertEquals("", Dependencies.blocker(web, view(all, states, conf.groups())));
        states.put(new ProcessRef("db", "db"), ProcessState.FATAL);
        assertEquals("dependency db is FATAL", Dependencies.blocker(web, view(all, states, conf.groups())));

        // configured but not added yet holds back; no longer configured does not
        Map<ProcessRef, ProcessConfig> withoutDb = new LinkedHashMap<>(all);
        withoutDb.remove(new ProcessRef("db", "db"));
        ProcessConfig late = all.get(new ProcessRef("late", "late"));
        assertEquals("waiting for db to be ready", Dependencies.blocker(late, view(withoutDb, Map.of(), conf.groups())));
        assertEquals("", Dependencies.blocker(late, view(withoutDb, Map.of(), List.of())));
    }

    /** An engine view of the {@code active} processes in {@code states} (STOPPED when not given). */
    private static EngineView view(Map<ProcessRef, ProcessConfig> active, Map<ProcessRef, ProcessState> states,
            List<GroupConfig> configured) {
        Map<String, List<ProcessView>> byGroup = new TreeMap<>();
        active.forEach((ref, c) -> byGroup.computeIfAbsent(ref.group(), g -> new ArrayList<>()).add(new ProcessView(
                new ProcessInfo(ref.name(), ref.group(), 0, 0, 0, states.getOrDefault(ref, ProcessState.STOPPED), "", 0,
                        "", "", 0), c)));
        List<GroupView> groups = new ArrayList<>();
        byGroup.forEach((g, ps) -> groups.add(new GroupView(new GroupConfig(g, 999,
                ps.stream().map(ProcessView::config).toList()), ps)));
        return new EngineView(1, 0, SupervisorState.RUNNING, "test", 1, Optional.empty(), configured, groups);
    }
}
