package steward.agent.cron;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment and working directory of a run, as cronie builds them, on top of the service's
 * environment: the service's variables, then the crontab's (which win); {@code SHELL} defaults to
 * {@code /bin/sh} and {@code HOME} to the service home, {@code PATH} to cron's default when nobody
 * set one; the run happens in {@code HOME}. Steward adds {@code STEWARD_CRON_LINE} and
 * {@code STEWARD_CRON_SCHEDULED} (the fire time, epoch milliseconds: an idempotency key).
 */
final class JobEnvironment {
    static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private JobEnvironment() {
    }

    static JobProcess.Spec spec(CronEntry e, Map<String, String> serviceEnv, Path home, Instant scheduled) {
        Map<String, String> env = new LinkedHashMap<>(serviceEnv);
        env.putAll(e.env());
        env.put("SHELL", e.shell());
        if (!e.env().containsKey("HOME")) {
            env.put("HOME", home.toString());
        }
        env.putIfAbsent("PATH", DEFAULT_PATH);
        env.put("STEWARD_CRON_LINE", Integer.toString(e.line()));
        env.put("STEWARD_CRON_SCHEDULED", Long.toString(scheduled.toEpochMilli()));
        List<String> list = new ArrayList<>(env.size());
        env.forEach((k, v) -> list.add(k + "=" + v));
        return new JobProcess.Spec(resolve(e.shell(), env.get("PATH")), e.command(), e.input(), list, env.get("HOME"));
    }

    /** posix_spawn needs a path: a bare {@code SHELL=bash} is looked up in PATH. */
    private static String resolve(String shell, String path) {
        if (shell.contains("/")) {
            return shell;
        }
        for (String dir : path.split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, shell);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return shell;
    }
}
