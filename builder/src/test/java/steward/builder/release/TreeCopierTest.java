package steward.builder.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TreeCopierTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} vs {1} (dir={2}) -> {3}")
    @CsvSource(textBlock = """
            *.log,        app.log,            false, true
            *.log,        deep/dir/app.log,   false, true
            *.log,        app.logs,           false, false
            /build,       build,              true,  true
            /build,       sub/build,          true,  false
            build,        sub/build,          true,  true
            tmp/,         tmp,                false, false
            tmp/,         a/tmp,              true,  true
            docs/*.tmp,   docs/a.tmp,         false, true
            docs/*.tmp,   docs/x/a.tmp,       false, false
            docs/**.tmp,  docs/x/a.tmp,       false, true
            file?.txt,    file1.txt,          false, true
            file?.txt,    file12.txt,         false, false
            [ab].c,       b.c,                false, true
            [!ab].c,      b.c,                false, false
            '- secret',   secret,             false, true
            '# comment',  '# comment',        false, false
            """)
    void patterns(String pattern, String path, boolean dir, boolean excluded) {
        assertEquals(excluded, IgnorePatterns.of(List.of(pattern)).excludes(path, dir));
    }

    @Test
    void copySkipsVcsPycIgnoredAndUnsafeLinksKeepsModesAndSafeLinks() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.createDirectories(tree.resolve(".git/objects"));
        Files.writeString(tree.resolve(".git/HEAD"), "ref");
        Files.createDirectories(tree.resolve(".hg"));
        Files.createDirectories(tree.resolve("app/logs"));
        Files.writeString(tree.resolve("app/logs/x.log"), "x");
        Files.writeString(tree.resolve("app/mod.pyc"), "x");
        Files.writeString(tree.resolve("app/mod.py"), "print(1)");
        Files.writeString(tree.resolve("app/run"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(tree.resolve("app/run"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(tree.resolve("secret.key"), "k");
        Files.writeString(tree.resolve(".dotcloudignore"), "# local stuff\n*.key\napp/logs/\n");
        Files.createSymbolicLink(tree.resolve("app/alias.py"), Path.of("mod.py"));
        Files.createSymbolicLink(tree.resolve("app/passwd"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(tree.resolve("app/up"), Path.of("../../outside"));

        Path target = tmp.resolve("home/rsync-1");
        List<String> notes = new TreeCopier().copy(tree, target);

        List<String> copied;
        try (Stream<Path> s = Files.walk(target)) {
            copied = s.map(p -> target.relativize(p).toString()).filter(p -> !p.isEmpty()).sorted().toList();
        }
        assertEquals(List.of(".dotcloudignore", "app", "app/alias.py", "app/mod.py", "app/run"), copied);
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("app/run"))));
        assertEquals(Path.of("mod.py"), Files.readSymbolicLink(target.resolve("app/alias.py")));
        assertEquals(2, notes.size(), notes.toString());
        assertTrue(notes.get(0).startsWith("skipped unsafe symlink app/"), notes.toString());
    }

    /** Issue 24 item 9: a chain of links, each lexically inside, that the kernel walks out of the tree. */
    @Test
    void linkChainsAndDotDotAfterALinkAreResolvedAsTheKernelDoes() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Path h = Files.createDirectories(tree.resolve("a/b/c/d/e/f/g/h"));
        Files.createSymbolicLink(h.resolve("up8"), Path.of("../../../../../../../.."));
        Path leak = Path.of("a/b/c/d/e/f/g/h/up8/../../../../../../../../../etc/passwd");
        Files.createSymbolicLink(tree.resolve("leak"), leak);
        assertTrue(Files.isSameFile(tree.resolve("leak"), Path.of("/etc/passwd")), "the test's chain reaches /etc/passwd");
        Files.writeString(tree.resolve("index.html"), "hi");
        Files.createSymbolicLink(tree.resolve("back"), Path.of("../tree/index.html"));
        Files.createSymbolicLink(tree.resolve("viaup"), Path.of("a/b/c/d/e/f/g/h/up8/index.html"));
        Files.createSymbolicLink(tree.resolve("loop"), Path.of("loop"));

        Path target = tmp.resolve("home/rsync-1");
        List<String> notes = new TreeCopier().copy(tree, target);

        assertFalse(Files.exists(target.resolve("leak"), LinkOption.NOFOLLOW_LINKS), notes.toString());
        assertFalse(Files.exists(target.resolve("back"), LinkOption.NOFOLLOW_LINKS), "leaves the tree and comes back in by name");
        assertFalse(Files.exists(target.resolve("loop"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("hi", Files.readString(target.resolve("viaup")), "a chain that stays inside is kept");
        assertTrue(Files.isSymbolicLink(target.resolve("a/b/c/d/e/f/g/h/up8")));
        assertTrue(notes.contains("skipped unsafe symlink leak -> " + leak), notes.toString());
        assertEquals(3, notes.size(), notes.toString());
    }

    /** Issue 24 item 14: a name that is not UTF-8 is kept byte-exact (as rsync keeps it), not renamed with U+FFFD. */
    @Test
    void namesThatAreNotUtf8AreCopiedByteExact() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        sh(tree, "mkdir \"$(printf 'dir\\376')\" && printf x > \"$(printf 'dir\\376/bad\\377')\" && printf y > \"$(printf 'caf\\303\\251')\""
                + " && ln -s \"$(printf 'dir\\376/bad\\377')\" \"$(printf 'link\\377')\"");
        Path target = tmp.resolve("home/rsync-1");
        List<String> notes = new TreeCopier().copy(tree, target);
        assertEquals(List.of(), notes);
        assertEquals(names(tree), names(target));
        assertEquals("x", sh(target, "cat \"$(printf 'link\\377')\""));
    }

    /** The NUL-separated names under {@code dir} as the file system holds them, sorted, as hex bytes. */
    private static String names(Path dir) throws Exception {
        String hex = sh(dir, "find . -mindepth 1 -print0 | sort -z | od -An -v -tx1 | tr '\\n' ' '");
        assertTrue(hex.contains(" fe ") && hex.contains(" ff ") && hex.contains(" c3 a9 "), hex);
        return hex;
    }

    private static String sh(Path dir, String script) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
