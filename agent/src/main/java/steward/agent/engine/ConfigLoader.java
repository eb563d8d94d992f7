package steward.agent.engine;

import steward.compat.config.SupervisordConf;

/** Reads the configuration again (reread, reload). The message of the exception is shown to users. */
@FunctionalInterface
public interface ConfigLoader {
    SupervisordConf load() throws Exception;
}
