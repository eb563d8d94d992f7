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
}
