package steward.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher in a root-owned install run by another user (a container's {@code /opt/steward}
 * run as dotcloud): root records the class data once (a CDS archive on JDK 17-24, an AOT cache on
 * 25+, whichever JDK runs this test: the launcher follows JAVA_HOME), the other user's daemon
 * starts from it and never writes a file.
 */
class LauncherIT {
    @TempDir
    Path dir;

    @Test
    void aRootOwnedInstallIsRecordedOnceAndUsedReadOnlyByAnotherUser() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "needs root to switch user");
        Path opt = install();
        Path target = opt.resolve("agent/target");
        Result first = run(opt, List.of(), "--version");
        assertEquals(0, first.code, first.output);
        String suffix = Runtime.version().feature() >= 25 ? ".aot" : ".jsa";
        try (Stream<Path> files = Files.list(target)) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().endsWith(suffix)).count(),
                    "one " + suffix + " recorded in " + target);
        }
        Map<String, Long> before = snapshot(target);

        List<String> asNobody = List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups");
        Result user = run(opt, asNobody, "--version");
        assertEquals(0, user.code, user.output);
        assertTrue(user.output.lines().anyMatch(l -> l.matches(".*\\] steward\\.agent\\.Main source: shared objects file.*")),
                "the daemon's classes come from the recorded archive: " + user.output.lines()
                        .filter(l -> l.contains("steward.agent.Main ")).toList());
        assertEquals(before, snapshot(target), "nothing written in the install");
    }

    /** bin/steward and what the build put in agent/target, copied as an installer would. */
    private Path install() throws IOException {
        Path opt = dir.resolve("opt");
        Path from = Steward.ROOT;
        copyTree(from.resolve("bin"), opt.resolve("bin"));
        for (String part : List.of("steward.jar", "lib", "jna")) {
            copyTree(from.resolve("agent/target").resolve(part), opt.resolve("agent/target").resolve(part));
        }
        Files.createDirectories(opt.resolve("agent/src/main/shims"));
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) || p.toString().endsWith("/bin/steward")
                        ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return opt;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.createDirectories(q.getParent());
                    Files.copy(p, q);
                }
            }
        }
    }

    private static Map<String, Long> snapshot(Path target) throws IOException {
        Map<String, Long> m = new TreeMap<>();
        try (Stream<Path> all = Files.walk(target)) {
            for (Path p : all.toList()) {
                m.put(target.relativize(p) + (Files.isDirectory(p) ? "/" : ""), Files.getLastModifiedTime(p).toMillis());
            }
        }
        return m;
    }

    private record Result(int code, String output) {
    }

    private Result run(Path opt, List<String> prefix, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(opt.resolve("bin/steward").toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-rw-rw-"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("STEWARD_NO_BUILD", "1");
        pb.environment().put("STEWARD_JAVA_OPTS", "-Xlog:class+load=info");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "launcher finished");
        return new Result(p.exitValue(), Files.readString(out));
    }
}
