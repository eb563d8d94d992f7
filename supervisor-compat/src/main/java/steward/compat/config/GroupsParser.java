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
 * own groups), then every other {@code [program:x]} as a group of its own, then the
 * {@code [eventlistener:x]} pools, then the {@code [fcgi-program:x]} groups. An fcgi-program named in a
 * {@code [group:x]} runs there as a plain program (no socket), as in Supervisor.
 */
final class GroupsParser {
    private GroupsParser() {
    }

    static List<GroupConfig> parse(ParseContext ctx) throws ConfError {
        List<String> sections = ctx.ini().sectionNames();
        Map<String, Object> names = new LinkedHashMap<>(ctx.envNames());
        names.put("here", ctx.here());
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
                String member = (isProgram ? "program:" : "fcgi-program:") + program;
                inGroups.add(member);
                processes.addAll(ProgramParser.parse(ctx, member, groupName));
            }
            groups.add(group(groupName, priority, processes, GroupKind.PROGRAMS));
        }
        for (String section : sections) {
            if (!section.startsWith("program:") || inGroups.contains(section)) {
                continue;
            }
            SectionValues v = ctx.values(section);
            String programName = v.convert(null, section.substring(section.indexOf(':') + 1), ParseContext::validName);
            int priority = v.get("priority", "999", names, Values::integer);
            groups.add(group(programName, priority, ProgramParser.parse(ctx, section, programName), GroupKind.PROGRAMS));
        }
        for (String section : sections) {
            if (section.startsWith("eventlistener:")) {
                groups.add(ListenerParser.parse(ctx, section, names));
            }
        }
        for (String section : sections) {
            if (section.startsWith("fcgi-program:") && !inGroups.contains(section)) {
                groups.add(FcgiParser.parse(ctx, section, names));
            }
        }
        return groups;
    }

    static GroupConfig group(String name, int priority, List<ProcessConfig> processes, GroupKind kind) {
        List<ProcessConfig> sorted = new ArrayList<>(processes);
        sorted.sort(Comparator.comparingInt(ProcessConfig::priority).thenComparing(ProcessConfig::name));
        return new GroupConfig(name, priority, sorted, kind);
    }
}
