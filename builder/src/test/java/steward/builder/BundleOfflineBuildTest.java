package steward.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.builder.base.BuilderConfig;
import steward.builder.exec.Command;
import steward.builder.exec.CommandResult;
import steward.builder.exec.CommandRunner;
import steward.builder.exec.OutputListener;

/**
 * Issue 23 item 5: the real bundler, with no gem server reachable, builds a Gemfile naming rack and
 * puma from Debian's gems (ruby-rack, puma), the app loads them through bundler/setup at run time,
 * and the ruby sample builds without a warning.
 */
class BundleOfflineBuildTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void tools() {
        boolean present = Files.isExecutable(Path.of("/usr/bin/bundle"))
                && Files.isDirectory(Path.of("/usr/share/rubygems-integration/all/gems"))
                && gemInstalled("rack-") && gemInstalled("puma-");
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("bundler, ruby-rack and puma are required on CI");
        }
        assumeTrue(present, "bundler, ruby-rack or puma is not installed");
    }

    private static boolean gemInstalled(String prefix) {
        for (Path dir : List.of(Path.of("/usr/share/rubygems-integration/all/specifications"),
                Path.of("/usr/lib/x86_64-linux-gnu/rubygems-integration/3.1.0/specifications"))) {
            try (var s = Files.list(dir)) {
                if (s.anyMatch(p -> p.getFileName().toString().startsWith(prefix))) {
                    return true;
                }
            } catch (java.io.IOException e) {
                // look in the next one
            }
        }
        return false;
    }

    @Test
    void aGemfileNamingRackBuildsOfflineFromDebiansGemsAndLoadsAtRunTime() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("app"));
        Path approot = Files.createDirectories(tree.resolve("worker"));
        Files.writeString(approot.resolve("Gemfile"), "source \"https://rubygems.org\"\ngem \"rack\"\ngem \"puma\"\n");
        Files.writeString(tree.resolve("dotcloud.yml"), "worker:\n  type: ruby-worker\n  approot: worker\n"
                + "  processes:\n    worker: ruby -e 'sleep'\n");
        Path home = tmp.resolve("home");
        RecordingListener events = new RecordingListener();
        Builder builder = new Builder(BuilderConfig.defaults(home), events);
        BuildResult r = builder.build(BuildRequest.of(tree));
        if (r instanceof BuildResult.Failed f) {
            throw new AssertionError(f.report() + "\n" + events.output);
        }
        assertTrue(events.outputOf("bundle").stream().anyMatch(l -> l.startsWith("Using rack ")), events.output.toString());
        assertTrue(events.output.stream().noneMatch(l -> l.contains("DEPRECATED")), events.output.toString());
        var view = builder.switchTo(((BuildResult.Built) r).release());
        CommandResult run = new CommandRunner().run(new Command("ruby -e 'require \"bundler/setup\"; require \"rack\"; "
                + "require \"puma\"; print Rack.release, \" \", $LOADED_FEATURES.grep(/rack\\.rb$/).first'",
                approot, builder.processEnvironment(view), Duration.ofMinutes(1)), OutputListener.NONE);
        assertTrue(run.succeeded(), run.lastLines().toString());
        assertTrue(run.lastLines().get(run.lastLines().size() - 1).contains("/usr/share/rubygems-integration/"),
                run.lastLines().toString());
    }

    @Test
    void theRubySampleBuildsWithoutAWarning() throws Exception {
        // searchable by others, as /home is: as root the stack's workers run as www-data, with no warning
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path tree = tmp.resolve("ruby-app");
        copy(Path.of("../samples/ruby-app").toAbsolutePath().normalize(), tree);
        RecordingListener events = new RecordingListener();
        BuildResult r = new Builder(BuilderConfig.defaults(tmp.resolve("home")), events).build(BuildRequest.of(tree));
        if (r instanceof BuildResult.Failed f) {
            throw new AssertionError(f.report() + "\n" + events.output);
        }
        assertEquals(List.of(), events.warnings);
        assertTrue(events.output.stream().noneMatch(l -> l.contains("DEPRECATED") || l.contains("WARN")),
                events.output.toString());
        assertTrue(events.outputOf("bundle").stream().anyMatch(l -> l.startsWith("Using rack ")), events.output.toString());
    }

    private static void copy(Path from, Path to) throws java.io.IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
