package steward.compat.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A parsed supervisord.conf (with its includes): everything Steward needs to run it.
 *
 * @param file the main configuration file, absolute
 * @param daemon the [supervisord] section, with defaults applied
 * @param groups process groups sorted by priority, then name (Supervisor's start order)
 * @param unixHttpServer the [unix_http_server] section, when present
 * @param inetHttpServer the [inet_http_server] section, when present
 * @param ctl the [supervisorctl] section (defaults when absent)
 * @param warnings non-fatal findings, each "FILE:LINE: message"
 */
public record SupervisordConf(
        Path file,
        DaemonConfig daemon,
        List<GroupConfig> groups,
        Optional<UnixHttpServerConfig> unixHttpServer,
        Optional<InetHttpServerConfig> inetHttpServer,
        CtlConfig ctl,
        List<String> warnings) {

    public SupervisordConf {
        groups = List.copyOf(groups);
        warnings = List.copyOf(warnings);
    }

    public Optional<GroupConfig> group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }
}
