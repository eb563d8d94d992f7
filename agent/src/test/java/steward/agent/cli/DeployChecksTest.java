package steward.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import steward.builder.Builder;
import steward.builder.base.BuildListener;
import steward.builder.base.BuilderConfig;

/** Issue 23 item 2: deploy --check runs the approot supervisord.conf and nginx includes through the real checkers. */
class DeployChecksTest {
    @TempDir
    Path tmp;

    private Path tree(String type, String file, String text) throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.createDirectories(tree.resolve("app"));
        Files.writeString(tree.resolve("dotcloud.yml"), "www:\n  type: " + type + "\n  approot: app\n");
        Files.writeString(tree.resolve("app").resolve(file), text);
        return tree;
    }

    @Test
    void aBadApprootSupervisordConfIsNamedByTheUsersFileAndLine() throws Exception {
        Path tree = tree("nodejs", "supervisord.conf", "; mine\n[program:node]\ncommand = node server.js\nstartsecs = abc\n");
        Builder builder = new Builder(BuilderConfig.defaults(tmp.resolve("home")), BuildListener.NONE);
        List<String> problems = DeployChecks.run(builder, tree);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(tree.resolve("app/supervisord.conf") + ":4: [program:node] startsecs: "),
                problems.toString());
        int rc = new CommandLine(new DeployCommand()).execute("--check", "--home", tmp.resolve("home").toString(), tree.toString());
        assertEquals(2, rc);

        Files.writeString(tree.resolve("app/supervisord.conf"), "[program:node]\ncommand = node server.js\nstartsecs = 3\n");
        assertEquals(List.of(), DeployChecks.run(builder, tree));
        assertEquals(0, new CommandLine(new DeployCommand()).execute("--check", "--home", tmp.resolve("home").toString(),
                tree.toString()));
    }

    @Test
    void aBadApprootNginxConfFailsTheCheck() throws Exception {
        requireExecutable("/usr/sbin/nginx");
        Path tree = tree("static", "nginx.conf", "location / {\n}\n}\n");
        Files.writeString(tree.resolve("app/index.html"), "hi");
        List<String> problems = DeployChecks.run(new Builder(BuilderConfig.defaults(tmp.resolve("home")), BuildListener.NONE), tree);
        assertEquals(List.of(tree.resolve("app/nginx.conf") + ":3: unexpected \"}\""), problems);
        assertEquals(2, new CommandLine(new DeployCommand()).execute("--check", "--home", tmp.resolve("home").toString(),
                tree.toString()));
        assertTrue(Files.notExists(tmp.resolve("home")));
    }

    @Test
    void aBadApprootCrontabFailsTheCheckNamingItsLine() throws Exception {
        Path tree = tree("nodejs", "crontab", "# mine\n*/5 * * * * echo ok\n61 * * * * echo bad\n");
        Files.writeString(tree.resolve("app/supervisord.conf"), "[program:node]\ncommand = node server.js\n");
        List<String> problems = DeployChecks.run(new Builder(BuilderConfig.defaults(tmp.resolve("home")), BuildListener.NONE), tree);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(tree.resolve("app/crontab") + ":3: "), problems.toString());
    }

    @Test
    void misspelledKeysAreWarnedWithTheNearestKnownKey() throws Exception {
        Path tree = tree("python", "wsgi.py", "");
        Files.writeString(tree.resolve("dotcloud.yml"), "www:\n  type: python\n  approot: app\n  enviroment:\n    A: b\n"
                + "  config:\n    uwsgi_procesess: 3\n");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        int rc;
        try {
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            rc = new CommandLine(new DeployCommand()).execute("--check", "--home", tmp.resolve("home").toString(), tree.toString());
        } finally {
            System.setErr(saved);
        }
        String text = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("Warning: dotcloud.yml:4: service 'www', key 'enviroment': unknown key ignored; "
                + "did you mean `environment`?\n"), text);
        assertTrue(text.contains("key 'config.uwsgi_procesess': not a key Steward reads (passed on as is); "
                + "did you mean `uwsgi_processes`?\n"), text);
        assertEquals(0, rc, "a warning, not an error: " + text);
    }

    @Test
    void aPhpSyntaxErrorFailsTheCheckNamingItsFileAndLine() throws Exception {
        requireExecutable("/usr/bin/php");
        Path tree = tree("php-worker", "index.php", "<?php\necho \"hi\";\n$x = ;\n");
        Files.createDirectories(tree.resolve("app/vendor"));
        Files.writeString(tree.resolve("app/vendor/broken.php"), "<?php $ = ;\n");
        Files.writeString(tree.resolve("app/ok.php"), "<?php echo 1;\n");
        Files.writeString(tree.resolve("dotcloud.yml"), "www:\n  type: php-worker\n  approot: app\n  process: php index.php\n");
        List<String> problems = DeployChecks.run(new Builder(BuilderConfig.defaults(tmp.resolve("home")), BuildListener.NONE), tree);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(tree.resolve("app/index.php").toAbsolutePath() + ":3: syntax error"), problems.toString());
    }

    /** Skips the test when {@code file} is not an executable, except on CI, where it fails. */
    private static void requireExecutable(String file) {
        boolean present = Files.isExecutable(Path.of(file));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(file + " is required on CI");
        }
        assumeTrue(present, file + " is not installed");
    }
}
