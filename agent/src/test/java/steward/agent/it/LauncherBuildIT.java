package steward.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's first run says what it is doing: "building Steward, first run only, about a minute",
 * a line per Maven module as the build reaches it, and how long it took; a failed build shows Maven's
 * errors. The {@code mvn} on the PATH here prints what Maven 3 prints for this reactor and puts the
 * jars the test's own build made in place: a real build would cost a minute of CI per run.
 */
class LauncherBuildIT {
    @TempDir
    Path dir;

    private static final String REACTOR = String.join("\n",
            "[INFO] Scanning for projects...",
            "[INFO] Reactor Build Order:",
            "[INFO] -----------------------< steward:steward-parent >-----------------------",
            "[INFO] Building Steward 0.1.0-SNAPSHOT                                    [1/4]",
            "[INFO] ---------------------< steward:supervisor-compat >----------------------",
            "[INFO] Building Steward supervisor-compat 0.1.0-SNAPSHOT                  [2/4]",
            "[INFO] --------------------------< steward:builder >---------------------------",
            "[INFO] Building Steward builder 0.1.0-SNAPSHOT                            [3/4]",
            "[INFO] ---------------------------< steward:agent >----------------------------",
            "\u001b[0m[INFO] Building Steward agent 0.1.0-SNAPSHOT                              [4/4]",
            "[INFO] BUILD SUCCESS");

    /** A checkout without agent/target, bin/steward copied, and an mvn that does `package`'s part. */
    private Path checkout(String mvnBody) throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("bin"));
        Files.copy(Steward.BIN, repo.resolve("bin/steward"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>\n");
        for (String m : List.of("supervisor-compat", "builder", "agent")) {
            Files.createDirectories(repo.resolve(m).resolve("src/main"));
            Files.writeString(repo.resolve(m).resolve("pom.xml"), "<project/>\n");
        }
        Path tools = Files.createDirectories(dir.resolve("tools"));
        Path mvn = tools.resolve("mvn");
        Files.writeString(mvn, "#!/bin/bash\n" + mvnBody);
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        return repo;
    }

    private Steward.Result launch(Path repo, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(repo.resolve("bin/steward").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().remove("STEWARD_NO_BUILD");
        pb.environment().put("STEWARD_NO_CDS", "1");
        pb.environment().put("PATH", dir.resolve("tools") + ":" + System.getenv("PATH"));
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher finished");
        return new Steward.Result(p.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void theFirstRunSaysItBuildsAndShowsEachModule() throws Exception {
        Path built = Steward.ROOT.resolve("agent/target");
        Path repo = checkout("cat <<'EOF'\n" + REACTOR + "\nEOF\n"
                + "mkdir -p agent/target && cp -r '" + built.resolve("steward.jar") + "' '" + built.resolve("lib") + "' '"
                + built.resolve("jna") + "' agent/target/\n");
        Steward.Result first = launch(repo, "--version");
        assertEquals(0, first.exitCode(), first.stderr());
        assertEquals("steward 0.1.0\n", first.stdout());
        List<String> lines = first.stderr().lines().toList();
        assertEquals("steward: building Steward, first run only, about a minute (mvn package)…", lines.get(0), first.stderr());
        assertEquals(List.of("steward:   [1/4] Steward", "steward:   [2/4] Steward supervisor-compat",
                "steward:   [3/4] Steward builder", "steward:   [4/4] Steward agent"), lines.subList(1, 5));
        assertTrue(lines.get(5).matches("steward: built in \\d+ s"), first.stderr());
        assertEquals(6, lines.size(), first.stderr());

        Steward.Result second = launch(repo, "--version");
        assertEquals(0, second.exitCode());
        assertEquals("", second.stderr(), "no build the second time");
    }

    @Test
    void aFailedBuildShowsMavensErrors() throws Exception {
        Path repo = checkout("echo '[INFO] Building Steward agent 0.1.0-SNAPSHOT   [4/4]'\n"
                + "echo '[ERROR] /x/Foo.java:[3,1] class, interface, enum, or record expected'\nexit 1\n");
        Steward.Result r = launch(repo, "--version");
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("steward: build failed (mvn package):\n[ERROR] /x/Foo.java:[3,1] class, interface"),
                r.stderr());
    }
}
