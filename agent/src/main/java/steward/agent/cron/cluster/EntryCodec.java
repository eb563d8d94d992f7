package steward.agent.cron.cluster;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.quartz.JobDataMap;
import steward.agent.cron.CronEntry;
import steward.agent.cron.CrontabParser;

/** A crontab line as string properties of a Quartz job (the store runs with {@code useProperties}). */
final class EntryCodec {
    private static final String ENV = "env.";

    private EntryCodec() {
    }

    static JobDataMap encode(CronEntry e, long releaseStamp) {
        JobDataMap m = new JobDataMap();
        m.put("line", Integer.toString(e.line()));
        m.put("spec", e.schedule().spec());
        m.put("command", e.command());
        m.put("input", e.input());
        m.put("zone", e.zone().map(ZoneId::getId).orElse(""));
        m.put("overlap", Boolean.toString(e.overlap()));
        m.put("release", Long.toString(releaseStamp));
        e.env().forEach((k, v) -> m.put(ENV + k, v));
        return m;
    }

    static CronEntry decode(JobDataMap m) {
        Map<String, String> env = new HashMap<>();
        for (String k : m.getKeys()) {
            if (k.startsWith(ENV)) {
                env.put(k.substring(ENV.length()), m.getString(k));
            }
        }
        String zone = m.getString("zone");
        return new CronEntry(Integer.parseInt(m.getString("line")), CrontabParser.parseSchedule(m.getString("spec")),
                m.getString("command"), m.getString("input"), env,
                zone.isEmpty() ? Optional.empty() : Optional.of(ZoneId.of(zone)), Boolean.parseBoolean(m.getString("overlap")));
    }
}
