package steward.builder;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import steward.builder.release.Release;
import steward.builder.release.ReleaseMetadata;

/**
 * A complete release as the agent needs it after a switch or rollback: what it was built as,
 * its supervisord.conf program text and its service variables.
 */
public record ReleaseView(Release release, ReleaseMetadata metadata, String programsConf, Map<String, String> environment) {
    public ReleaseView {
        environment = Map.copyOf(environment);
    }

    public Optional<Path> nodeBin() {
        return metadata.nodeBinIfAny();
    }
}
