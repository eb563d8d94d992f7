package steward.compat.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import steward.compat.json.JsonWriter;

/**
 * The {@code --check --json} output: a JSON array, one object per process sorted by group then name,
 * with the keys and value forms of Supervisor 4.2.5's {@code supervisor.getAllConfigInfo} (without
 * {@code inuse}; {@code "auto"}/{@code "none"} for AUTO and unset values) plus {@code autorestart},
 * {@code stopasgroup}, {@code environment} (supervisord's merged with the program's, as Supervisor
 * hands it to the child) and {@code umask}. A process that sets any of Steward's own keys also
 * shows all seven of them: {@code depends_on}, {@code ready} ({@code "none"}: RUNNING after
 * startsecs), {@code ready_timeout}, {@code essential}, {@code environment_file}, {@code sockets}
 * ({@code NAME=URL} each) and {@code drainsecs}. Keys are sorted.
 */
public final class ConfigReport {
    private final Users users;

    ConfigReport(Users users) {
        this.users = users;
    }

    /** The report of {@code conf}, resolving {@code user=} names to uids with the system's user database. */
    public static String render(SupervisordConf conf) {
        return new ConfigReport(Users.system()).json(conf);
    }

    String json(SupervisordConf conf) {
        return JsonWriter.write(rows(conf));
    }


    /** One sorted-key map per process, sorted by group then name. */
    List<Map<String, Object>> rows(SupervisordConf conf) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GroupConfig g : conf.groups()) {
            for (ProcessConfig p : g.processes()) {
                rows.add(row(conf.daemon(), g, p));
            }
        }
        rows.sort(Comparator.comparing((Map<String, Object> r) -> (String) r.get("group"))
                .thenComparing(r -> (String) r.get("name")));
        return rows;
    }

    private Map<String, Object> row(DaemonConfig daemon, GroupConfig g, ProcessConfig p) {
        Map<String, Object> d = new TreeMap<>();
        d.put("autostart", p.autostart());
        d.put("autorestart", p.autorestart().wireName());
        d.put("command", p.command());
        d.put("directory", p.directory().orElse("none"));
        Map<String, String> env = new LinkedHashMap<>(daemon.environment());
        env.putAll(p.environment());
        d.put("environment", new TreeMap<>(env));
        d.put("exitcodes", p.exitcodes());
        d.put("group", g.name());
        d.put("group_prio", g.priority());
        d.put("killasgroup", p.killasgroup());
        d.put("name", p.name());
        d.put("process_prio", p.priority());
        d.put("redirect_stderr", p.redirectStderr());
        d.put("serverurl", p.serverurl().equals("AUTO") ? "none" : p.serverurl());
        d.put("startretries", p.startretries());
        d.put("startsecs", p.startsecs());
        d.put("stopasgroup", p.stopasgroup());
        d.put("stopsignal", p.stopsignal().number());
        d.put("stopwaitsecs", p.stopwaitsecs());
        d.put("uid", p.user().map(u -> (Object) users.uidOf(u)).orElse("none"));
        d.put("umask", p.umask().map(u -> (Object) u).orElse("none"));
        channel(d, "stdout", p.stdout());
        channel(d, "stderr", p.stderr());
        ContainerOptions c = p.container();
        if (!c.equals(ContainerOptions.NONE)) {
            d.put("depends_on", c.dependsOn());
            d.put("drainsecs", c.drainSecs());
            d.put("sockets", c.sockets().stream().map(s -> s.name() + "=" + s.url()).toList());
            d.put("environment_file", c.environmentFiles().stream().map(Object::toString).toList());
            d.put("essential", c.essential());
            d.put("ready", c.ready().map(ConfigReport::ready).orElse("none"));
            d.put("ready_timeout", c.readyTimeoutSecs());
        }
        return d;
    }

    private static String ready(ReadyCheck r) {
        if (r instanceof ReadyCheck.Tcp t) {
            return "tcp:" + t.host() + ":" + t.port();
        }
        if (r instanceof ReadyCheck.Http h) {
            return "http://" + h.host() + ":" + h.port() + h.path();
        }
        return r instanceof ReadyCheck.Exec e ? "exec:" + e.command() : "notify";
    }

    private static void channel(Map<String, Object> d, String name, LogConfig log) {
        d.put(name + "_capture_maxbytes", log.captureMaxbytes());
        d.put(name + "_events_enabled", log.eventsEnabled());
        d.put(name + "_logfile", switch (log.target().kind()) {
            case AUTO -> "auto";
            case NONE -> "none";
            case FILE -> log.target().written();
        });
        d.put(name + "_logfile_backups", log.backups());
        d.put(name + "_logfile_maxbytes", log.maxbytes());
        d.put(name + "_syslog", log.syslog());
    }
}
