package steward.compat.ctl;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import steward.compat.time.Stamps;

/**
 * {@code cron [--json]} (Steward's): the service's crontab jobs with their last run, next run and
 * last exit, from {@code steward.cronStatus}.
 */
final class CronStatusCommand implements Verb {
    @Override
    public void run(Session s, List<String> args) throws IOException, ServerFault {
        List<?> jobs;
        try {
            jobs = (List<?>) s.call("steward.cronStatus");
        } catch (ServerFault f) {
            if (f.code() == 1) {
                s.output("cron: this server runs no crontab (it has no steward.cronStatus)");
                s.exit = Session.GENERIC;
                return;
            }
            throw f;
        }
        if (args.contains("--json")) {
            s.output(steward.compat.json.JsonWriter.write(jobs));
            return;
        }
        if (jobs.isEmpty()) {
            s.output("No cron jobs");
            return;
        }
        s.output(String.format("%-5s %-20s %-19s  %-19s  %-9s %s", "LINE", "SCHEDULE", "LAST RUN", "NEXT RUN",
                "LAST EXIT", "COMMAND"));
        for (Object o : jobs) {
            Map<?, ?> j = (Map<?, ?>) o;
            Object exit = j.get("lastexit");
            String last = "".equals(exit) ? "-" : String.valueOf(exit);
            if (Boolean.TRUE.equals(j.get("running"))) {
                last = "running";
            }
            s.output(String.format("%-5s %-20s %-19s  %-19s  %-9s %s", j.get("line"), j.get("schedule"),
                    time(j.get("lastrun")), time(j.get("nextrun")), last, j.get("command")));
        }
    }

    private static String time(Object epochSeconds) {
        long t = ((Number) epochSeconds).longValue();
        return t == 0 ? "-" : Stamps.logStamp(t * 1000).substring(0, 19);
    }
}
