package steward.builder;

import java.util.List;
import steward.builder.manifest.ServiceType;
import steward.builder.step.BuildStep;
import steward.builder.step.CopyTree;
import steward.builder.step.InstallNodeDeps;
import steward.builder.step.RecordRelease;
import steward.builder.step.RunHook;
import steward.builder.step.SelectNode;
import steward.builder.step.WarnUnsupported;
import steward.builder.step.WriteEnvironment;
import steward.builder.step.WritePrograms;

/** The ordered steps of a build (reference §2.2), as a list. */
final class BuildPipeline {
    private BuildPipeline() {
    }

    static List<BuildStep> steps(ServiceType type) {
        BuildStep typeStep = type == ServiceType.CUSTOM ? RunHook.buildscript() : new InstallNodeDeps();
        return List.of(
                new CopyTree(),
                new WarnUnsupported(),
                new SelectNode(),
                RunHook.prebuild(),
                typeStep,
                RunHook.postbuild(),
                new WritePrograms(),
                new WriteEnvironment(),
                new RecordRelease());
    }
}
