package steward.compat.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The process groups, in Supervisor's order: {@code [group:x]} sections (their programs leave their
 * own groups), then every other {@code [program:x]} as a group of its own. Event listener and FastCGI
 * sections are skipped with a warning.
 */
final class GroupsParser {
    private GroupsParser() {
    }

    static List<GroupConfig> parse(ParseContext ctx) throws ConfError {
        List<String> sections = ctx.ini().sectionNames();
        Map<String, Object> names = new LinkedHashMap<>(ctx.envNames());
        names.put("here", ctx.here());
        for (String section : sections) {
            if (section.startsWith("eventlistener:") || section.startsWith("fcgi-program:")) {
                SectionValues v = ctx.values(section);
                ctx.warnings().add(v.where(null) + "[" + section + "] is not supported by Steward; section skipped");
            }
        }
        List<GroupConfig> groups = new ArrayList<>();
        Set<String> inGroups = new HashSet<>();
        for (String section : sections) {
            if (!section.startsWith("group:")) {
                continue;
            }
            SectionValues v = ctx.values(section);
            String groupName = v.convert(null, section.substring(section.indexOf(':') + 1), ParseContext::validName);
            String programs = v.text("programs", null, names);
            int priority = v.get("priority", "999", names, Values::integer);
            List<ProcessConfig> processes = new ArrayList<>();
            for (String program : programs == null || programs.isEmpty() ? new String[0] : programs.split(",", -1)) {
                program = Py.strip(program);
                boolean isProgram = sections.contains("program:" + program);
                boolean isFcgi = sections.contains("fcgi-program:" + program);
                if (!isProgram && !isFcgi) {
                    throw v.error("programs", "names unknown program or fcgi-program " + program);
                }
                if (isProgram && isFcgi) {
                    throw v.error("programs", "name " + program + " is ambiguous (exists as program and fcgi-program)");
                }
                if (isFcgi) {
                    ctx.warnings().add(v.where("programs") + "[" + section + "] member " + program
                            + " is an fcgi-program, which is not supported; skipped");
                    inGroups.add("fcgi-program:" + program);
                    continue;
                }
                inGroups.add("program:" + program);
                processes.addAll(ProgramParser.parse(ctx, "program:" + program, groupName));
            }
            groups.add(group(groupName, priority, processes));
        }
        for (String section : sections) {
            if (!section.startsWith("program:") || inGroups.contains(section)) {
                continue;
            }
            SectionValues v = ctx.values(section);
            String programName = v.convert(null, section.substring(section.indexOf(':') + 1), ParseContext::validName);
            int priority = v.get("priority", "999", names, Values::integer);
            groups.add(group(programName, priority, ProgramParser.parse(ctx, section, programName)));
        }
        return groups;
    }

    private static GroupConfig group(String name, int priority, List<ProcessConfig> processes) {
        List<ProcessConfig> sorted = new ArrayList<>(processes);
        sorted.sort(Comparator.comparingInt(ProcessConfig::priority).thenComparing(ProcessConfig::name));
        return new GroupConfig(name, priority, sorted);
    }
}
