package steward.agent.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import steward.compat.config.SupervisordConf;

/** The environment children start from: the daemon's own, less the launcher's JVM settings, plus [supervisord] environment. */
public final class DaemonEnvironment {
    /** Variables the launcher sets for the JVM only; children must not inherit them. */
    private static final String[] LAUNCHER_ONLY = {"_JAVA_SR_SIGNUM", "STEWARD_JAVA_OPTS", "STEWARD_NO_BUILD"};

    private DaemonEnvironment() {
    }

    static Map<String, String> of(SupervisordConf conf) {
        Map<String, String> env = withoutLauncherVariables();
        env.putAll(conf.daemon().environment());
        return env;
    }

    /** This process's environment without the launcher's JVM-only variables. */
    public static Map<String, String> withoutLauncherVariables() {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        for (String k : LAUNCHER_ONLY) {
            env.remove(k);
        }
        return env;
    }

    /**
     * What a service's programs, hooks and cron jobs start from in container mode: as above, with
     * Steward's shims ({@code crontab}) first on PATH when the launcher says where they are. Plain
     * {@code steward supervisord} leaves PATH alone, as supervisord does.
     */
    public static Map<String, String> forService() {
        Map<String, String> env = withoutLauncherVariables();
        String shims = env.get("STEWARD_SHIMS");
        if (shims != null && !shims.isEmpty()) {
            String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
            env.put("PATH", shims + ":" + path);
        }
        return env;
    }
}
