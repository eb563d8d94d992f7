package steward.builder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import steward.builder.program.ProgramSummary;
import steward.compat.json.JsonWriter;

/** What {@code deploy --check} shows: every service in file order with the programs it would run. */
public record CheckReport(List<ServiceCheck> services, List<String> notes) {
    /**
     * @param nodeVersion {@code config.node_version} as written, or null
     * @param approotFiles the approot files the type honours (empty for data services)
     * @param exports the {@code DOTCLOUD_*} keys the service exports to the others (AppEnvironment)
     * @param unavailable why Steward runs nothing for it (mongodb, solr), or null
     */
    public record ServiceCheck(String name, String type, String approot, String nodeVersion, List<ProgramSummary> programs,
            List<String> approotFiles, List<String> exports, String unavailable) {
        public ServiceCheck {
            programs = List.copyOf(programs);
            approotFiles = List.copyOf(approotFiles);
            exports = List.copyOf(exports);
        }

        public ServiceCheck(String name, String type, String approot, String nodeVersion, List<ProgramSummary> programs,
                List<String> approotFiles) {
            this(name, type, approot, nodeVersion, programs, approotFiles, List.of(), null);
        }
    }

    public CheckReport {
        services = List.copyOf(services);
        notes = List.copyOf(notes);
    }

    /**
     * {@code {"services": [{"name","type","approot","node_version","programs":[{"name","command","directory","kind"}],"approot_files","exports","unavailable"}]}},
     * kind being {@code program}, {@code fcgi-program} or {@code eventlistener}.
     */
    public String toJson() {
        List<Object> list = new ArrayList<>();
        for (ServiceCheck s : services) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("type", s.type());
            m.put("approot", s.approot());
            m.put("node_version", s.nodeVersion());
            List<Object> programs = new ArrayList<>();
            for (ProgramSummary p : s.programs()) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("name", p.name());
                pm.put("command", p.command());
                pm.put("directory", p.directory());
                pm.put("kind", p.kind());
                programs.add(pm);
            }
            m.put("programs", programs);
            m.put("approot_files", new ArrayList<Object>(s.approotFiles()));
            m.put("exports", new ArrayList<Object>(s.exports()));
            m.put("unavailable", s.unavailable());
            list.add(m);
        }
        return JsonWriter.pretty(Map.of("services", list)) + "\n";
    }

    /** A human listing: one line per service, one indented line per program. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        for (ServiceCheck s : services) {
            sb.append(s.name()).append(" (").append(s.type()).append(", approot ").append(s.approot());
            if (s.nodeVersion() != null) {
                sb.append(", node_version ").append(s.nodeVersion());
            }
            sb.append(")\n");
            for (ProgramSummary p : s.programs()) {
                sb.append("  ").append(p.name()).append(": ").append(p.command());
                if (!p.kind().equals(ProgramSummary.PROGRAM)) {
                    sb.append("  (").append(p.kind()).append(')');
                }
                if (p.directory() != null) {
                    sb.append("  [in ").append(p.directory()).append(']');
                }
                sb.append('\n');
            }
            if (!s.approotFiles().isEmpty()) {
                sb.append("  approot files read: ").append(String.join(", ", s.approotFiles())).append('\n');
            }
            if (s.unavailable() != null) {
                sb.append("  not run: ").append(s.unavailable()).append('\n');
            }
            if (!s.exports().isEmpty()) {
                sb.append("  exports: ").append(String.join(" ", s.exports())).append('\n');
            }
        }
        return sb.toString();
    }
}
