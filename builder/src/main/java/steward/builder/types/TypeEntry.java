package steward.builder.types;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import steward.builder.manifest.ServiceSpec;
import steward.builder.program.Stack;
import steward.builder.step.BuildStep;

/**
 * Everything Steward knows about one service type, in one place: the steps that prepare its
 * runtime before {@code prebuild} (node selection, the virtualenv…), its dependency step (between
 * prebuild and postbuild), its runtime stack (programs and their configuration), the variables and
 * bin directories its programs, hooks and cron jobs get, and the approot files it honours (for
 * {@code deploy --check} and the README). Adding a type is adding one entry to {@link Types}.
 *
 * @param requirements whether its dependency step installs the {@code requirements:} list
 * @param supported false for the types Steward accepts but does not build or serve (java, opa)
 */
public record TypeEntry(String type, List<BuildStep> prepare, BuildStep dependencies, Stack stack, Runtime runtime,
        List<String> approotFiles, boolean requirements, boolean supported) {
    public TypeEntry {
        prepare = List.copyOf(prepare);
        approotFiles = List.copyOf(approotFiles);
    }

    /** What a type adds to the environment of its hooks, programs and cron jobs. */
    @FunctionalInterface
    public interface Runtime {
        Runtime NONE = (home, service) -> new Additions(List.of(), Map.of());

        Additions of(Path home, ServiceSpec service);
    }

    /** Bin directories put first on PATH, and variables (the service's own {@code environment:} wins). */
    public record Additions(List<Path> binDirs, Map<String, String> variables) {
        public Additions {
            binDirs = List.copyOf(binDirs);
        }
    }
}
