package steward.agent.cron;

import java.util.List;
import java.util.Map;

/**
 * A parsed crontab: the job lines that loaded, the lines that did not, and every variable the file
 * set (in file order, last value wins).
 */
public record Crontab(String file, List<CronEntry> entries, List<CrontabError> errors, Map<String, String> env) {
    public Crontab {
        entries = List.copyOf(entries);
        errors = List.copyOf(errors);
        env = Map.copyOf(env);
    }

    /** {@code 1 job, 0 bad lines}: the counts, in the singular where there is one. */
    public String counts() {
        return count(entries.size(), "job", "jobs") + ", " + count(errors.size(), "bad line", "bad lines");
    }

    /** {@code 1 job}, {@code 2 jobs}. */
    public static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
