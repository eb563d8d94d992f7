package steward.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same script of real supervisorctl commands against {@code steward supervisord} and against
 * supervisord 4.2.5, each on the same conf in its own directory: the masked transcripts (stdout,
 * stderr and exit status of every command) must be equal.
 */
class SupervisorctlDifferentialIT {
    private static final String SUPERVISORD = "/usr/bin/supervisord";

    @TempDir
    Path dir;

    @Test
    void everyCommandPrintsAndReturnsWhatItDoesAgainstSupervisord() throws Exception {
        require(SUPERVISORD);
        require(Supervisorctl.SUPERVISORCTL);
        // both daemons at once, each in its own directory: the script mostly waits on supervisord's 1 s ticks
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<Transcript> supervisord = two.submit(() -> CtlScript.run(CtlScript.Daemon.supervisord(),
                    Files.createDirectories(dir.resolve("supervisord"))));
            Future<Transcript> steward = two.submit(() -> CtlScript.run(CtlScript.Daemon.steward(),
                    Files.createDirectories(dir.resolve("steward"))));
            compare(supervisord.get().masked(), steward.get().masked());
        } finally {
            two.shutdownNow();
        }
    }

    private static void compare(List<Transcript.Entry> expected, List<Transcript.Entry> actual) throws Exception {
        // kept for a human diff when this fails
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "ctl-transcript-supervisord.txt"), render(expected));
        Files.writeString(Path.of("target", "ctl-transcript-steward.txt"), render(actual));
        assertEquals(render(expected), render(actual));
    }

    private static String render(List<Transcript.Entry> entries) {
        return entries.stream().map(Transcript.Entry::toString).collect(Collectors.joining("\n"));
    }

    /** Skips locally when a program is missing; on CI (CI=true) a missing program fails the test. */
    static void require(String program) {
        boolean present = Files.isExecutable(Path.of(program));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(program + " is required on CI");
        }
        Assumptions.assumeTrue(present, program + " not installed");
    }
}
