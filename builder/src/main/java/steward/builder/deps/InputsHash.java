package steward.builder.deps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import steward.builder.node.DependencyHash;
import steward.builder.base.Dependencies;
import steward.builder.release.ReleaseMetadata;
import steward.builder.step.BuildContext;

/**
 * What decides whether a dependency step can be skipped: SHA-256 over the approot files that
 * declare dependencies (absent ones count as absent), the {@code requirements:} list and the
 * runtime's version. Equal to the previous release's recorded hash (same approot) = unchanged.
 */
public final class InputsHash {
    private InputsHash() {
    }

    public static String of(Path approot, List<String> files, List<String> extra) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String f : files) {
            Path p = approot.resolve(f);
            byte[] bytes = Files.isRegularFile(p) ? Files.readAllBytes(p) : new byte[0];
            DependencyHash.feed(md, f + (Files.isRegularFile(p) ? "" : " (absent)"), bytes);
        }
        for (String e : extra) {
            DependencyHash.feed(md, "extra", e.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * Records that a step reuses the previous release's dependencies (its inputs hash is {@code hash}),
     * saying so in the build's progress: "{@code what} from RELEASE".
     */
    public static void reused(BuildContext ctx, String hash, String what) {
        ctx.listener().progress(what + " from " + ctx.previous().orElseThrow().id());
        ctx.dependencies(Dependencies.REUSED, hash);
    }

    /** The previous release (same approot) recorded this hash. */
    public static boolean unchanged(BuildContext ctx, String hash) throws IOException {
        if (ctx.previous().isEmpty()) {
            return false;
        }
        Optional<ReleaseMetadata> meta = ctx.store().metadata(ctx.previous().get());
        return meta.isPresent() && meta.get().approot().equals(ctx.service().approot())
                && meta.flatMap(ReleaseMetadata::depsHashIfAny).filter(hash::equals).isPresent();
    }
}
