package steward.builder.manifest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The service's hook commands as written (null when absent). {@code postinstall} defaults to
 * {@code ./postinstall} when that file exists in the approot; {@code buildscript} is custom-only
 * and runs from the tree's root.
 */
public record Hooks(String prebuild, String postbuild, String postinstall, String buildscript) {
    public static final String DEFAULT_POSTINSTALL = "./postinstall";

    public static Hooks none() {
        return new Hooks(null, null, null, null);
    }

    /** The postinstall command to run for an approot directory, if any. */
    public Optional<String> postinstallFor(Path approotDir) {
        if (postinstall != null) {
            return Optional.of(postinstall);
        }
        return Files.isRegularFile(approotDir.resolve("postinstall")) ? Optional.of(DEFAULT_POSTINSTALL) : Optional.empty();
    }
}
