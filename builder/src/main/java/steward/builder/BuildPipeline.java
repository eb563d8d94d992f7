package steward.builder;

import java.util.ArrayList;
import java.util.List;
import steward.builder.step.BuildStep;
import steward.builder.step.CopyTree;
import steward.builder.step.RecordRelease;
import steward.builder.step.RunHook;
import steward.builder.step.SystemPackages;
import steward.builder.step.WarnUnsupported;
import steward.builder.step.WriteEnvironment;
import steward.builder.step.WritePrograms;
import steward.builder.types.TypeEntry;

/** The ordered steps of a build (reference §2.2), as a list; the type's entry fills in its own steps. */
final class BuildPipeline {
    private BuildPipeline() {
    }

    static List<BuildStep> steps(TypeEntry type) {
        List<BuildStep> steps = new ArrayList<>();
        steps.add(new CopyTree());
        steps.add(new WarnUnsupported(type.requirements(), type.supported()));
        steps.add(new SystemPackages());
        steps.addAll(type.prepare());
        steps.add(RunHook.prebuild());
        steps.add(type.dependencies());
        steps.add(RunHook.postbuild());
        steps.add(new WritePrograms(type.stack()));
        steps.add(new WriteEnvironment());
        steps.add(new RecordRelease());
        return steps;
    }
}
