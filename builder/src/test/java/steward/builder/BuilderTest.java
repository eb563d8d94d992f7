package steward.builder;

import steward.builder.base.BuilderConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import steward.builder.release.Release;

class BuilderTest {
    @TempDir
    Path tmp;
    Path tree;
    Path home;
    RecordingListener events = new RecordingListener();
    Builder builder;

    @BeforeEach
    void setUp() throws Exception {
        tree = Seed.write(tmp.resolve("ramen"));
        home = tmp.resolve("home");
        builder = new Builder(BuilderConfig.defaults(home).withLogDir(tmp.resolve("log")), events);
    }

    private BuildResult.Built built(BuildRequest request) {
        BuildResult r = builder.build(request);
        if (r instanceof BuildResult.Failed f) {
            throw new AssertionError(f.report());
        }
        return (BuildResult.Built) r;
    }

    @Test
    void seedTreeBuildsAndSwitches() throws Exception {
        BuildResult.Built b = built(BuildRequest.of(tree));
        Release r = b.release();
        assertTrue(r.id().matches("rsync-\\d{13}"), r.id());
        assertEquals(home.resolve(r.id()), r.dir());
        assertTrue(Files.isRegularFile(r.dir().resolve("hellonode/server.js")));
        assertFalse(Files.exists(home.resolve("current")), "build alone must not switch");
        assertEquals("Installing build revision " + r.id() + " for service (www)", events.progress.get(0));

        builder.switchTo(r);
        assertEquals(Path.of(r.id()), Files.readSymbolicLink(home.resolve("code")));
        assertEquals(Path.of("code/hellonode"), Files.readSymbolicLink(home.resolve("current")));
        assertEquals(Seed.SERVER, Files.readString(home.resolve("current/server.js")));

        // one warning naming both versions
        assertEquals(1, b.warnings().size(), b.warnings().toString());
        String warning = b.warnings().get(0);
        String installed = installedNode();
        assertTrue(warning.contains("v0.6.x") && warning.contains(installed), warning);
        assertEquals(b.warnings(), events.warnings);
        assertEquals(Path.of(whichNode()).getParent(), b.nodeBin().orElseThrow());

        // programs: the seed's section, home rewritten, the held web socket and log files added
        String tail = "sockets=www=tcp://0.0.0.0:8080\nstdout_logfile=%(ENV_STEWARD_LOG_DIR)s/node.log\nstderr_logfile=%(ENV_STEWARD_LOG_DIR)s/node_error.log";
        assertTrue(b.programsConf().startsWith("[program:node]\ncommand = node server.js\ndirectory = " + home.resolve("current")
                + "\n" + tail + "\n"), b.programsConf());
        assertEquals("node server.js", b.programs().get(0).command());

        // environment files and map
        Map<String, String> env = b.environment();
        assertEquals("www", env.get("DOTCLOUD_SERVICE_NAME"));
        assertEquals("ramen", env.get("DOTCLOUD_PROJECT"));
        assertEquals("default", env.get("DOTCLOUD_ENVIRONMENT"));
        assertEquals("0", env.get("DOTCLOUD_SERVICE_ID"));
        assertEquals("8080", env.get("PORT"));
        assertEquals("8080", env.get("PORT_WWW"));
        String json = Files.readString(home.resolve("environment.json"));
        assertTrue(json.contains("\"PORT_WWW\": \"8080\""), json);
        assertTrue(json.contains("\"DOTCLOUD_SERVICE_NAME\": \"www\""), json);
        assertEquals(Files.readString(home.resolve("environment.yml")), Files.readString(home.resolve("environment.yaml")));
        assertTrue(Files.readString(home.resolve("environment.yml")).contains("\"DOTCLOUD_PROJECT\": \"ramen\""));
        assertTrue(Files.readString(home.resolve("dotcloud_profile")).contains("export PORT='8080'\n"));
        assertEquals(env, builder.view(r).environment());
    }

    @Test
    void loginShellOfAProgramSeesTheServiceEnvironment() throws Exception {
        BuildResult.Built b = built(BuildRequest.of(tree));
        builder.switchTo(b.release());
        Map<String, String> env = Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin");
        CommandResult r = new CommandRunner().run(new Command("/bin/sh -lc 'echo $DOTCLOUD_SERVICE_NAME:$PORT_WWW; command -v node'",
                home.resolve("current"), env, Duration.ofSeconds(20)), OutputListener.NONE);
        assertEquals(List.of("www:8080", b.nodeBin().orElseThrow().resolve("node").toString()), r.lastLines());
    }

    @Test
    void failingPrebuildLeavesCurrentUntouched() throws Exception {
        Release first = built(BuildRequest.of(tree)).release();
        builder.switchTo(first);
        String envBefore = Files.readString(home.resolve("environment.json"));
        Seed.yml(tree, Seed.YML + "  prebuild: echo preparing; echo broken >&2; exit 3\n  environment:\n    NEW: 1\n");

        BuildResult r = builder.build(BuildRequest.of(tree));

        BuildResult.Failed f = assertInstanceOf(BuildResult.Failed.class, r);
        assertEquals("prebuild", f.step());
        assertTrue(f.reason().contains("exited with status 3"), f.reason());
        // stdout and stderr are separate pipes: each keeps its order, not their interleaving
        assertEquals(java.util.Set.of("preparing", "broken"), java.util.Set.copyOf(f.lastLines()));
        assertEquals(Path.of(first.id()), Files.readSymbolicLink(home.resolve("code")));
        assertEquals(envBefore, Files.readString(home.resolve("environment.json")));
        assertEquals(List.of(first), builder.releases(), "the failed release is removed");
        assertEquals(java.util.Set.of("preparing", "broken"), java.util.Set.copyOf(events.outputOf("prebuild")));
    }

    @Test
    void hooksRunInTheNewApprootWithHomeAndServiceEnvironment() throws Exception {
        Seed.yml(tree, Seed.YML + "  prebuild: echo \"$HOME $PORT_WWW $GREETING $(pwd)\" > pre.txt\n"
                + "  postbuild: cat pre.txt > post.txt\n  environment:\n    GREETING: hi\n");
        Release r = built(BuildRequest.of(tree)).release();
        String expected = home + " 8080 hi " + r.dir().resolve("hellonode") + "\n";
        assertEquals(expected, Files.readString(r.dir().resolve("hellonode/post.txt")));
        assertFalse(Files.exists(tree.resolve("hellonode/pre.txt")), "hooks never touch the pushed tree");
    }

    @Test
    void hookOverTheTimeLimitFailsTheBuild() throws Exception {
        builder = new Builder(BuilderConfig.defaults(home).withTimeouts(Duration.ofMillis(500), Duration.ofMinutes(1)), events);
        Files.delete(tree.resolve("hellonode/package.json"));
        Seed.yml(tree, Seed.YML + "  postbuild: sleep 30 & sleep 30; echo never\n");
        long start = System.nanoTime();
        BuildResult.Failed f = assertInstanceOf(BuildResult.Failed.class, builder.build(BuildRequest.of(tree)));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 20);
        assertEquals("postbuild", f.step());
        assertTrue(f.reason().contains("killed after exceeding the 500 ms limit"), f.reason());
    }

    @Test
    void pruningKeepsThreeAndRollbackGoesBack() throws Exception {
        Release[] made = new Release[5];
        for (int i = 0; i < 5; i++) {
            made[i] = built(BuildRequest.of(tree)).release();
            builder.switchTo(made[i]);
        }
        assertEquals(List.of(made[2], made[3], made[4]), builder.releases());
        assertFalse(Files.exists(made[0].dir()));
        assertFalse(Files.exists(home.resolve(".steward/releases").resolve(made[1].id())));

        assertEquals(made[3], builder.previous().orElseThrow());
        assertEquals(made[3], builder.rollback().orElseThrow().release());
        assertEquals(Path.of(made[3].id()), Files.readSymbolicLink(home.resolve("code")));
        assertEquals(made[2], builder.rollback().orElseThrow().release());
        assertTrue(builder.rollback().isEmpty());

        // a new build after a rollback: the newest 3 are kept and the active (older) one survives too
        Release next = built(BuildRequest.of(tree)).release();
        assertEquals(List.of(made[2], made[3], made[4], next), builder.releases());
        builder.switchTo(next);
        built(BuildRequest.of(tree));
        assertEquals(3, builder.releases().size());
    }

    @Test
    void postinstallRunsInCurrentAndReportsFailure() throws Exception {
        Files.writeString(tree.resolve("hellonode/postinstall"), "#!/bin/sh\necho \"in $(pwd) as $DOTCLOUD_SERVICE_NAME\"\n");
        Release r = built(BuildRequest.of(tree)).release();
        builder.switchTo(r);
        PostinstallResult ok = builder.runPostinstall(r);
        assertTrue(ok.ran() && ok.succeeded(), ok.toString());
        assertEquals(List.of("in " + home.resolve("current") + " as www"), ok.lastLines());
        assertTrue(events.progress.contains("Running postinstall script..."));

        Seed.yml(tree, Seed.YML + "  postinstall: echo bad; exit 7\n");
        Release r2 = built(BuildRequest.of(tree)).release();
        PostinstallResult bad = builder.runPostinstall(r2);
        assertFalse(bad.succeeded());
        assertTrue(bad.reason().contains("exited with status 7"), bad.reason());
        assertEquals(List.of("bad"), bad.lastLines());

        Files.delete(tree.resolve("hellonode/postinstall"));
        Seed.yml(tree, Seed.YML);
        Release r3 = built(BuildRequest.of(tree)).release();
        assertFalse(builder.runPostinstall(r3).ran());
    }

    @Test
    void processesBecomeProgramsAndSupervisordConfIsOptionalThen() throws Exception {
        Files.delete(tree.resolve("hellonode/supervisord.conf"));
        Seed.yml(tree, "www:\n  type: nodejs\n  approot: hellonode\n  processes:\n    app: node server.js --port \"$PORT_WWW\"\n");
        BuildResult.Built b = built(BuildRequest.of(tree));
        assertEquals("[program:app]\ncommand=/bin/sh -lc \"exec node server.js --port \\\"$PORT_WWW\\\"\"\ndirectory="
                + home.resolve("current") + "\nsockets=www=tcp://0.0.0.0:8080\nstdout_logfile=%(ENV_STEWARD_LOG_DIR)s/app.log"
                + "\nstderr_logfile=%(ENV_STEWARD_LOG_DIR)s/app_error.log\n\n", b.programsConf());
        assertTrue(b.warnings().isEmpty(), "no node_version, no warning: " + b.warnings());
    }

    @Test
    void nothingToRunFailsTheBuild() throws Exception {
        Files.delete(tree.resolve("hellonode/supervisord.conf"));
        BuildResult.Failed f = assertInstanceOf(BuildResult.Failed.class, builder.build(BuildRequest.of(tree)));
        assertEquals("programs", f.step());
        assertTrue(f.reason().contains("nothing to run"), f.reason());
    }

    @Test
    void manifestErrorsFailBeforeAnyRelease() throws Exception {
        Seed.yml(tree, "www:\n  approot: hellonode\n");
        BuildResult.Failed f = assertInstanceOf(BuildResult.Failed.class, builder.build(BuildRequest.of(tree)));
        assertEquals("manifest", f.step());
        assertTrue(f.reason().endsWith("dotcloud.yml:1: service 'www', key 'type': required (one of: custom, java, nodejs, perl, "
                + "perl-worker, php, php-worker, python, python-worker, ruby, ruby-worker, static, opa, mongodb, mysql, "
                + "mysql-masterslave, postgis, postgresql, redis, smtp, solr, rabbitmq, memcached)"), f.reason());
        assertFalse(Files.exists(home));
    }

    static String whichNode() throws Exception {
        CommandResult r = new CommandRunner().run(new Command("command -v node", Path.of("/"), Map.of("PATH", System.getenv("PATH")),
                Duration.ofSeconds(10)), OutputListener.NONE);
        return r.lastLines().get(0);
    }

    static String installedNode() throws Exception {
        CommandResult r = new CommandRunner().run(new Command("node --version", Path.of("/"), Map.of("PATH", System.getenv("PATH")),
                Duration.ofSeconds(10)), OutputListener.NONE);
        return r.lastLines().get(0);
    }
}
