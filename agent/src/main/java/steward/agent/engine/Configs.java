package steward.agent.engine;

import java.util.List;
import steward.compat.api.Fault;
import steward.compat.api.RpcFault;
import steward.compat.config.GroupConfig;
import steward.compat.config.SupervisordConf;

/**
 * The configuration the engine runs ({@code active}) and the one read last ({@code configured},
 * which reread replaces and addGroup draws from), and how to read the file again. The fields are
 * the engine's loop's; {@link #load} does file I/O and runs on the caller's thread.
 */
final class Configs {
    private final ConfigLoader loader;
    private SupervisordConf active;
    private SupervisordConf configured;

    Configs(SupervisordConf conf, ConfigLoader loader) {
        this.loader = loader;
        this.active = conf;
        this.configured = conf;
    }

    SupervisordConf active() {
        return active;
    }

    List<GroupConfig> configuredGroups() {
        return configured.groups();
    }

    GroupConfig configuredGroup(String name) throws RpcFault {
        return configured.group(name).orElseThrow(() -> new RpcFault(Fault.BAD_NAME, name));
    }

    SupervisordConf load() throws Exception {
        return loader.load();
    }

    /** Reads the file again for reread: CANT_REREAD when it is bad. */
    SupervisordConf reread() throws RpcFault {
        try {
            return loader.load();
        } catch (Exception e) {
            throw new RpcFault(Fault.CANT_REREAD, e.getMessage());
        }
    }

    void configured(SupervisordConf fresh) {
        configured = fresh;
    }

    /** A reload activated {@code fresh}. */
    void activated(SupervisordConf fresh) {
        active = fresh;
        configured = fresh;
    }
}
