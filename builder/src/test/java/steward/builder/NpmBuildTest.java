package steward.builder;

import steward.builder.base.BuilderConfig;
import steward.builder.base.Dependencies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.builder.exec.Command;
import steward.builder.exec.CommandResult;
import steward.builder.exec.CommandRunner;
import steward.builder.exec.OutputListener;

/** Real npm and node: a dependency packed by the test into a local tarball, no registry. */
class NpmBuildTest {
    @TempDir
    Path tmp;
    Path tree;
    Path home;
    Path tarball;
    RecordingListener events = new RecordingListener();
    Builder builder;

    @BeforeEach
    void setUp() throws Exception {
        tree = Seed.write(tmp.resolve("ramen"));
        home = tmp.resolve("home");
        builder = new Builder(BuilderConfig.defaults(home), events);
        tarball = pack("tinydep", "1.0.0", "module.exports = 'tiny ' + 42;\n");
        writePackageJson("\"tinydep\": \"file:" + tarball + "\"");
    }

    private Path pack(String name, String version, String index) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("src-" + name));
        Files.writeString(dir.resolve("package.json"), "{\"name\": \"" + name + "\", \"version\": \"" + version + "\", \"main\": \"index.js\"}\n");
        Files.writeString(dir.resolve("index.js"), index);
        CommandResult r = sh("npm pack --silent --pack-destination " + tmp, dir);
        assertTrue(r.succeeded(), r.lastLines().toString());
        Path tgz = tmp.resolve(name + "-" + version + ".tgz");
        assertTrue(Files.isRegularFile(tgz), r.lastLines().toString());
        return tgz;
    }

    private void writePackageJson(String deps) throws Exception {
        Files.writeString(tree.resolve("hellonode/package.json"),
                "{\"name\": \"hellonode\", \"version\": \"1.0.0\", \"dependencies\": {" + deps + "}}\n");
    }

    private CommandResult sh(String script, Path dir) {
        Map<String, String> env = Map.of("PATH", System.getenv("PATH"), "HOME", tmp.toString());
        return new CommandRunner().run(new Command(script, dir, env, Duration.ofMinutes(2)), OutputListener.NONE);
    }

    private BuildResult.Built build() {
        BuildResult r = builder.build(BuildRequest.of(tree));
        if (r instanceof BuildResult.Failed f) {
            throw new AssertionError(f.report());
        }
        return (BuildResult.Built) r;
    }

    @Test
    void aPackageWithoutDependenciesIsNotReinstalledWhenUnchanged() throws Exception {
        writePackageJson("");
        BuildResult.Built first = build();
        assertEquals(Dependencies.INSTALLED, first.dependencies());
        builder.switchTo(first.release());
        int progressBefore = events.progress.size();
        BuildResult.Built second = build();
        assertEquals(Dependencies.REUSED, second.dependencies());
        assertTrue(events.progress.subList(progressBefore, events.progress.size()).stream()
                .noneMatch(l -> l.startsWith("Running ")), events.progress.toString());
    }

    @Test
    void installsThenReusesWhenUnchangedThenInstallsTheDifference() throws Exception {
        BuildResult.Built first = build();
        assertEquals(Dependencies.INSTALLED, first.dependencies());
        assertTrue(events.progress.stream().anyMatch(l -> l.startsWith("Running ") && l.contains(" install --omit=dev")), events.progress.toString());
        Path approot = first.release().dir().resolve("hellonode");
        assertEquals(List.of("tiny 42"), sh("node -e \"console.log(require('tinydep'))\"", approot).lastLines());
        builder.switchTo(first.release());

        // unchanged package.json: npm must not run at all; without the tarball it could not succeed
        Files.delete(tarball);
        int outputBefore = events.output.size();
        int progressBefore = events.progress.size();
        BuildResult.Built second = build();
        assertEquals(Dependencies.REUSED, second.dependencies());
        assertEquals(outputBefore, events.output.size(), "npm printed something: " + events.output);
        assertTrue(events.progress.subList(progressBefore, events.progress.size()).stream().noneMatch(l -> l.contains("npm")));
        Path approot2 = second.release().dir().resolve("hellonode");
        assertEquals(List.of("tiny 42"), sh("node -e \"console.log(require('tinydep'))\"", approot2).lastLines());
        assertEquals(Files.getAttribute(approot.resolve("node_modules/tinydep/index.js"), "unix:ino"),
                Files.getAttribute(approot2.resolve("node_modules/tinydep/index.js"), "unix:ino"), "hard-linked, not copied");
        builder.switchTo(second.release());

        // a changed package.json: npm runs again, on top of the carried-over node_modules
        tarball = pack("tinydep", "1.0.0", "module.exports = 'tiny ' + 42;\n");
        Path other = pack("otherdep", "2.0.0", "module.exports = 'other';\n");
        writePackageJson("\"tinydep\": \"file:" + tarball + "\", \"otherdep\": \"file:" + other + "\"");
        BuildResult.Built third = build();
        assertEquals(Dependencies.INSTALLED, third.dependencies());
        assertEquals(List.of("tiny 42 other"), sh("node -e \"console.log(require('tinydep'), require('otherdep'))\"",
                third.release().dir().resolve("hellonode")).lastLines());
    }

    @Test
    void lockfileMeansNpmCi() throws Exception {
        assertTrue(sh("npm install --package-lock-only --silent", tree.resolve("hellonode")).succeeded());
        assertTrue(Files.isRegularFile(tree.resolve("hellonode/package-lock.json")));
        BuildResult.Built b = build();
        assertEquals(Dependencies.INSTALLED, b.dependencies());
        assertTrue(events.progress.stream().anyMatch(l -> l.startsWith("Running ") && l.contains(" ci --omit=dev")), events.progress.toString());
        assertTrue(Files.isRegularFile(b.release().dir().resolve("hellonode/node_modules/tinydep/index.js")));
        assertFalse(Files.exists(tree.resolve("hellonode/node_modules")), "npm ran in the release, not the pushed tree");
    }

    @Test
    void cleanBuildIgnoresTheCache() throws Exception {
        builder.switchTo(build().release());
        BuildResult r = builder.build(BuildRequest.of(tree).withClean());
        assertEquals(Dependencies.INSTALLED, ((BuildResult.Built) r).dependencies());
    }

    @Test
    void failingNpmFailsTheBuildWithItsOutput() throws Exception {
        writePackageJson("\"missingdep\": \"file:" + tmp.resolve("nope.tgz") + "\"");
        BuildResult r = builder.build(BuildRequest.of(tree));
        BuildResult.Failed f = (BuildResult.Failed) r;
        assertEquals("npm", f.step());
        assertFalse(f.lastLines().isEmpty());
        assertTrue(builder.releases().isEmpty());
    }
}
