package steward.builder;

import java.nio.file.Path;
import java.util.Map;
import java.util.List;
import steward.builder.release.Release;
import steward.builder.release.ReleaseMetadata;

/**
 * A complete release as the agent needs it after a switch or rollback: what it was built as,
 * its supervisord.conf program text (what the agent runs, as the builder produced it) and its
 * service variables, and the programs kept across a redeploy and reloaded with SIGHUP (nginx) when
 * their configuration is unchanged.
 */
public record ReleaseView(Release release, ReleaseMetadata metadata, String programsConf, Map<String, String> environment,
        List<String> reloadInPlace) {
    public ReleaseView {
        environment = Map.copyOf(environment);
        reloadInPlace = List.copyOf(reloadInPlace);
    }

    /** The directories the release's programs, hooks and cron jobs get first on PATH. */
    public List<Path> binDirs() {
        return metadata.binDirs();
    }
}
