package steward.builder.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.builder.BuildRequest;
import steward.builder.BuildResult;
import steward.builder.Builder;
import steward.builder.base.BuildListener;
import steward.builder.base.BuilderConfig;
import steward.builder.release.Release;

/** Issue 24 item 1, issue 23 item 2: nginx -t and php-fpm -t on a release's exact files, naming the user's file and line. */
class StackCheckTest {
    @TempDir
    Path tmp;
    Path tree;
    Builder builder;

    @BeforeEach
    void setUp() throws Exception {
        tree = Files.createDirectories(tmp.resolve("tree/www"));
        Files.writeString(tmp.resolve("tree/dotcloud.yml"), "www:\n  type: static\n  approot: www\n");
        Files.writeString(tree.resolve("index.html"), "hi");
        builder = new Builder(BuilderConfig.defaults(tmp.resolve("home")).withLogDir(tmp.resolve("log")), BuildListener.NONE);
    }

    private Release build() {
        BuildResult r = builder.build(BuildRequest.of(tmp.resolve("tree")));
        assertTrue(r instanceof BuildResult.Built, r.toString());
        return ((BuildResult.Built) r).release();
    }

    @Test
    void nginxTestReadsTheNewReleasesIncludesNotTheLiveOnesAndNamesTheUsersFileAndLine() throws Exception {
        Tools.require("nginx");
        Files.writeString(tree.resolve("nginx.conf"), "location /old { return 204; }\n");
        Release live = build();
        builder.switchTo(live);
        assertEquals(List.of(), builder.view(live).stackProblems());

        Files.writeString(tree.resolve("nginx.conf"), "location /x {\n  return 200;\n}\nunknown_thing on;\n");
        Release next = build();
        List<StackCheck.Problem> problems = builder.view(next).stackProblems();
        assertEquals(List.of(new StackCheck.Problem("www/nginx.conf", 4, "unknown directive \"unknown_thing\"")), problems);
        assertEquals("www/nginx.conf:4: unknown directive \"unknown_thing\"", problems.get(0).toString());
        assertEquals(Path.of(live.id()), Files.readSymbolicLink(tmp.resolve("home/code")), "the check switches nothing");
    }

    @Test
    void deployCheckRunsNginxOnTheTreesOwnFiles() throws Exception {
        Tools.require("nginx");
        Files.writeString(tree.resolve("extra.nginx.conf"), "location / {\n}\n}\n");
        List<StackCheck.Problem> problems = builder.checkStack(tmp.resolve("tree"));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(tree.resolve("extra.nginx.conf").toString(), problems.get(0).file());
        assertEquals(3, problems.get(0).line());
        assertTrue(problems.get(0).message().startsWith("unexpected \"}\""), problems.toString());
        assertTrue(Files.notExists(tmp.resolve("home")), "--check builds nothing");

        Files.writeString(tree.resolve("extra.nginx.conf"), "location /a { return 204; }\n");
        assertEquals(List.of(), builder.checkStack(tmp.resolve("tree")));
    }

    @Test
    void phpFpmTestAndTheApprootsPhpIni() throws Exception {
        Tools.require("nginx");
        Tools.require(PhpFpmStack.fpmBinary());
        Files.writeString(tmp.resolve("tree/dotcloud.yml"), "www:\n  type: php\n  approot: www\n");
        Files.writeString(tree.resolve("index.php"), "<?php echo 'hi';\n");
        Files.writeString(tree.resolve("php.ini"), "memory_limit = 64M\nbroken = \"unterminated\n");
        Release r = build();
        List<StackCheck.Problem> problems = builder.view(r).stackProblems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("www/php.ini", problems.get(0).file());
        assertTrue(problems.get(0).message().startsWith("syntax error") && problems.get(0).line() >= 2, problems.toString());

        Files.writeString(tree.resolve("php.ini"), "memory_limit = 64M\n");
        assertEquals(List.of(), builder.view(build()).stackProblems());
    }
}
