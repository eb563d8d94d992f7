package steward.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.builder.base.BuilderConfig;
import steward.builder.base.Dependencies;
import steward.builder.exec.Command;
import steward.builder.exec.CommandResult;
import steward.builder.exec.CommandRunner;
import steward.builder.exec.OutputListener;

/**
 * A python service's {@code requirements:} list, installed by the real pip into the virtualenv from
 * the user's own index settings ({@code PIP_NO_INDEX}, {@code PIP_FIND_LINKS} in the service's
 * environment, passed through to pip): no requirements.txt, no package index.
 */
class PipRequirementsBuildTest {
    @TempDir
    Path tmp;

    @Test
    void theRequirementsListIsInstalledWithTheServicesIndexSettingsThenReused() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("app"));
        Path approot = Files.createDirectories(tree.resolve("worker"));
        Files.createDirectories(approot.resolve("wheels"));
        Path wheel = Path.of("../samples/python-worker/worker/wheels/greeting-1.0-py3-none-any.whl").toAbsolutePath();
        Files.copy(wheel, approot.resolve("wheels").resolve(wheel.getFileName()));
        Files.writeString(approot.resolve("worker.py"), "import greeting\n");
        Files.writeString(tree.resolve("dotcloud.yml"), "worker:\n  type: python-worker\n  approot: worker\n"
                + "  requirements:\n    - greeting==1.0\n"
                + "  environment:\n    PIP_NO_INDEX: \"1\"\n    PIP_FIND_LINKS: wheels\n"
                + "  processes:\n    worker: python worker.py\n");
        Path home = tmp.resolve("home");
        RecordingListener events = new RecordingListener();
        Builder builder = new Builder(BuilderConfig.defaults(home), events);
        BuildResult r = builder.build(BuildRequest.of(tree));
        if (r instanceof BuildResult.Failed f) {
            throw new AssertionError(f.report());
        }
        BuildResult.Built first = (BuildResult.Built) r;
        assertEquals(Dependencies.INSTALLED, first.dependencies());
        assertTrue(events.progress.stream().anyMatch(l -> l.startsWith("Running ") && l.contains("'greeting==1.0'")),
                events.progress.toString());
        CommandResult run = new CommandRunner().run(new Command(home.resolve("env/bin/python")
                + " -c 'import greeting, sys; print(sys.prefix)'", approot, Map.of("PATH", System.getenv("PATH")),
                Duration.ofMinutes(1)), OutputListener.NONE);
        assertTrue(run.succeeded(), run.lastLines().toString());
        assertTrue(run.lastLines().toString().contains(home.resolve("env").toString()), run.lastLines().toString());

        builder.switchTo(first.release());
        BuildResult.Built second = (BuildResult.Built) builder.build(BuildRequest.of(tree));
        assertEquals(Dependencies.REUSED, second.dependencies());
    }
}
