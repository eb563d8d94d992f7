package steward.agent.daemon;

import java.nio.file.Path;
import steward.agent.engine.ConfigLoader;
import steward.compat.config.ConfError;
import steward.compat.config.ConfParser;
import steward.compat.config.SupervisordConf;

/** Reads a supervisord.conf with the process environment and host name, applying command-line overrides. */
public final class ConfSource implements ConfigLoader {
    private final Path file;
    private final DaemonSettings overrides;

    public ConfSource(Path file, DaemonSettings overrides) {
        this.file = file.toAbsolutePath().normalize();
        this.overrides = overrides;
    }

    @Override
    public SupervisordConf load() throws ConfError {
        SupervisordConf c = ConfParser.parse(file, System.getenv(), Hostname.get());
        return new SupervisordConf(c.file(), overrides.applyTo(c.daemon()), c.groups(), c.unixHttpServer(),
                c.inetHttpServer(), c.ctl(), c.warnings());
    }

    public Path file() {
        return file;
    }
}
