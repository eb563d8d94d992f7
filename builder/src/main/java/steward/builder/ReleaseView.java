package steward.builder;

import java.nio.file.Path;
import java.util.Map;
import java.util.List;
import steward.builder.release.Release;
import steward.builder.release.ReleaseMetadata;
import steward.builder.stack.StackCheck;
import steward.builder.step.WritePrograms;

/**
 * A complete release as the agent needs it after a switch or rollback: what it was built as,
 * its supervisord.conf program text (what the agent runs, as the builder produced it) and its
 * service variables, the programs kept running across a redeploy when their configuration is
 * unchanged (nginx), and {@code frontDigest}: a digest of what those programs read (the generated
 * nginx.conf and the approot files it includes), empty when there are none. Two releases with the
 * same digest need no nginx reload; with different ones nginx is reloaded (SIGHUP).
 */
public record ReleaseView(Release release, ReleaseMetadata metadata, String programsConf, Map<String, String> environment,
        List<String> reloadInPlace, String frontDigest) {
    public ReleaseView {
        environment = Map.copyOf(environment);
        reloadInPlace = List.copyOf(reloadInPlace);
    }

    /** The directories the release's programs, hooks and cron jobs get first on PATH. */
    public List<Path> binDirs() {
        return metadata.binDirs();
    }

    /**
     * The release's stack files through {@link StackCheck} (it is built: its metadata complete, not
     * yet live or live); the user's files are named relative to the pushed tree
     * ({@code www/nginx.conf}, {@code nginx.conf} for approot {@code .}).
     */
    public List<StackCheck.Problem> stackProblems() throws java.io.IOException {
        Path home = release.dir().getParent();
        String approot = metadata.approot();
        Path approotDir = ".".equals(approot) ? release.dir() : release.dir().resolve(approot);
        Path stackDir = new steward.builder.release.ReleaseStore(home).metaDir(release).resolve(WritePrograms.STACK_DIR);
        return StackCheck.check(home, stackDir, approotDir, ".".equals(approot) ? Path.of("") : Path.of(approot));
    }
}
