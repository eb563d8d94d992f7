package steward.agent.cron;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * One job line of a crontab.
 *
 * @param line    1-based line number in its file
 * @param schedule when it fires
 * @param command what {@code SHELL -c} runs (cronie's {@code %} handling applied: text after the
 *                first unescaped {@code %} is {@link #input})
 * @param input   what the job reads on stdin (empty: nothing)
 * @param env     the crontab's variables set above this line (cronie gives each line the variables
 *                defined before it)
 * @param zone    {@code CRON_TZ} in force for this line, if any
 * @param overlap true when the line opted in with {@code @overlap}: a fire may start while an
 *                earlier run is still going
 */
public record CronEntry(int line, Schedule schedule, String command, String input, Map<String, String> env,
                        Optional<ZoneId> zone, boolean overlap) {
    public CronEntry {
        env = Map.copyOf(env);
    }

    /** The shell to run the command with: the crontab's {@code SHELL}, else {@code /bin/sh} (as cronie). */
    public String shell() {
        return env.getOrDefault("SHELL", "/bin/sh");
    }
}
