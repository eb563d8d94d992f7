package steward.builder;

import steward.builder.base.Dependencies;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import steward.builder.manifest.ServiceSpec;
import steward.builder.program.ProgramSummary;
import steward.builder.release.Release;

/** The outcome of {@link Builder#build}. */
public sealed interface BuildResult {
    /**
     * A complete release, not yet live ({@link Builder#switchTo} makes it so).
     *
     * @param programsConf supervisord.conf text with every {@code [program:x]} the service runs
     * @param environment the service variables (what environment.json holds); see {@link Builder#processEnvironment}
     * @param nodeBin the chosen node's bin directory, to put first on the programs' PATH
     * @param notes ignored keys and skipped links, for a debug log
     */
    record Built(Release release, ServiceSpec service, List<String> warnings, Map<String, String> environment,
            String programsConf, List<ProgramSummary> programs, Optional<Path> nodeBin, Dependencies dependencies,
            List<String> notes) implements BuildResult {
        public Built {
            warnings = List.copyOf(warnings);
            programs = List.copyOf(programs);
            notes = List.copyOf(notes);
        }
    }

    /**
     * The build failed at {@code step} (manifest, copy, node, prebuild, buildscript, npm, postbuild,
     * programs, environment, record); nothing was switched and the partial release was removed.
     */
    record Failed(String step, String reason, List<String> lastLines) implements BuildResult {
        public Failed {
            lastLines = List.copyOf(lastLines);
        }

        /** {@code Build failed in STEP: REASON}, one line. */
        public String headline() {
            return "Build failed in " + step + ": " + reason;
        }

        /** The reason followed by the step's last output lines (for a caller that did not stream them). */
        public String report() {
            StringBuilder sb = new StringBuilder(headline());
            lastLines.forEach(l -> sb.append("\n  ").append(l));
            return sb.toString();
        }
    }
}
