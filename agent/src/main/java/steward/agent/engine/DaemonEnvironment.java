package steward.agent.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import steward.compat.config.SupervisordConf;

/** The environment children start from: the daemon's own, less the launcher's JVM settings, plus [supervisord] environment. */
final class DaemonEnvironment {
    /** Variables the launcher sets for the JVM only; children must not inherit them. */
    private static final String[] LAUNCHER_ONLY = {"_JAVA_SR_SIGNUM", "STEWARD_JAVA_OPTS", "STEWARD_NO_BUILD"};

    private DaemonEnvironment() {
    }

    static Map<String, String> of(SupervisordConf conf) {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        for (String k : LAUNCHER_ONLY) {
            env.remove(k);
        }
        env.putAll(conf.daemon().environment());
        return env;
    }
}
