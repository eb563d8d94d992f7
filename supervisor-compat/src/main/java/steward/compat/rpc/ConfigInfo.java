package steward.compat.rpc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import steward.compat.api.EngineView;
import steward.compat.api.ProcessInfo;
import steward.compat.api.ProcessRef;
import steward.compat.config.GroupConfig;
import steward.compat.config.LogConfig;
import steward.compat.config.ProcessConfig;

/** supervisor.getAllConfigInfo: one struct per configured process, the keys of 4.2.5 in its order. */
final class ConfigInfo {
    private ConfigInfo() {
    }

    static List<Map<String, Object>> all(EngineView view) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (GroupConfig g : view.configured()) {
            boolean inuse = view.isActive(g.name());
            for (ProcessConfig p : g.processes()) {
                Optional<ProcessInfo> live = inuse ? view.processInfo(new ProcessRef(g.name(), p.name())) : Optional.empty();
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("autostart", p.autostart());
                d.put("directory", p.directory().orElse("none"));
                d.put("uid", p.user().map(ConfigInfo::uid).orElse("none"));
                d.put("command", p.command());
                d.put("exitcodes", p.exitcodes());
                d.put("group", g.name());
                d.put("group_prio", g.priority());
                d.put("inuse", inuse);
                d.put("killasgroup", p.killasgroup());
                d.put("name", p.name());
                d.put("process_prio", p.priority());
                d.put("redirect_stderr", p.redirectStderr());
                d.put("startretries", p.startretries());
                d.put("startsecs", p.startsecs());
                channel(d, "stdout", p.stdout(), live.map(ProcessInfo::stdoutLogfile));
                d.put("stopsignal", p.stopsignal().number());
                d.put("stopwaitsecs", p.stopwaitsecs());
                channel(d, "stderr", p.stderr(), live.map(ProcessInfo::stderrLogfile));
                d.put("serverurl", p.serverurl() == null || p.serverurl().equalsIgnoreCase("AUTO") ? "none" : p.serverurl());
                out.add(d);
            }
        }
        out.sort(Comparator.comparing(d -> (String) d.get("name")));
        return out;
    }

    private static void channel(Map<String, Object> d, String ch, LogConfig c, Optional<String> livePath) {
        d.put(ch + "_capture_maxbytes", c.captureMaxbytes());
        d.put(ch + "_events_enabled", c.eventsEnabled());
        Object file;
        switch (c.target().kind()) {
            case NONE: file = "none"; break;
            case FILE: file = c.target().written(); break;
            default: file = livePath.filter(s -> !s.isEmpty()).orElse("auto");
        }
        d.put(ch + "_logfile", file);
        d.put(ch + "_logfile_backups", c.backups());
        d.put(ch + "_logfile_maxbytes", c.maxbytes());
        d.put(ch + "_syslog", c.syslog());
    }

    /** The uid of a user name (numeric names are taken as uids), from /etc/passwd. */
    private static Object uid(String user) {
        if (user.matches("\\d+")) {
            return Integer.valueOf(user);
        }
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length > 2 && f[0].equals(user)) {
                    return Integer.valueOf(f[2]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return "none";
        }
        return "none";
    }
}
