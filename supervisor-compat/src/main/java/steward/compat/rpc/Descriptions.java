package steward.compat.rpc;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TimeZone;
import steward.compat.api.ProcessInfo;
import steward.compat.time.Stamps;

/** Renders getProcessInfo structs and their {@code description} exactly as supervisord does. */
public final class Descriptions {
    private final TimeZone zone;

    public Descriptions(ZoneId zone) {
        this.zone = TimeZone.getTimeZone(zone);
    }

    /** The struct, keys in supervisord's order. */
    Map<String, Object> struct(ProcessInfo p) {
        Map<String, Object> m = new LinkedHashMap<>(32); // 14 keys, no resize
        m.put("name", p.name());
        m.put("group", p.group());
        m.put("start", p.start());
        m.put("stop", p.stop());
        m.put("now", p.now());
        m.put("state", p.state().code());
        m.put("statename", p.state().name());
        m.put("spawnerr", p.spawnerr() == null ? "" : p.spawnerr());
        m.put("exitstatus", p.exitstatus());
        m.put("logfile", p.stdoutLogfile());
        m.put("stdout_logfile", p.stdoutLogfile());
        m.put("stderr_logfile", p.stderrLogfile());
        m.put("pid", p.pid());
        m.put("description", description(p));
        return m;
    }

    /** The {@code description} field: uptime, stop time, spawn error or "Not started". */
    public String description(ProcessInfo p) {
        switch (p.state()) {
            case RUNNING:
                return "pid " + p.pid() + ", uptime " + timedelta(Math.max(0, capped(p.now()) - capped(p.start())))
                        + (p.statusText().isEmpty() ? "" : " (" + p.statusText() + ")");
            case STARTING:
                return p.statusText();
            case FATAL:
            case BACKOFF:
                return p.spawnerr() == null || p.spawnerr().isEmpty()
                        ? "unknown error (try \"tail " + p.name() + "\")" : p.spawnerr();
            case STOPPED:
            case EXITED:
                return p.start() != 0
                        ? Stamps.stopTime(capped(p.stop()), zone) : "Not started";
            default:
                return "";
        }
    }

    /** Python's str(timedelta) for whole seconds: {@code 0:03:20}, {@code 1 day, 0:00:05}. */
    static String timedelta(long seconds) {
        long days = seconds / 86400;
        long rest = seconds % 86400;
        long m = rest / 60 % 60;
        long sec = rest % 60;
        String hms = (rest / 3600) + (m < 10 ? ":0" : ":") + m + (sec < 10 ? ":0" : ":") + sec;
        return days == 0 ? hms : days + (days == 1 ? " day, " : " days, ") + hms;
    }

    private static long capped(long v) {
        return Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }
}
