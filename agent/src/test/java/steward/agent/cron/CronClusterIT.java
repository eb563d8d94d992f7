package steward.agent.cron;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.agent.it.Steward;

/**
 * Three {@code steward cron --cluster} processes on one real PostgreSQL: every {@code @every 1s}
 * fire runs exactly once while all live; when the one holding the next fire is killed, another takes
 * over within the check-in interval (500 ms) plus a second. Skipped without PostgreSQL binaries,
 * never when {@code CI=true}.
 */
class CronClusterIT {
    private static final long CHECKIN_MS = 500;

    @TempDir
    Path dir;

    record Fire(long scheduled, String agent, long started) {
    }

    private List<Fire> fires() throws IOException {
        Path f = dir.resolve("fires.txt");
        List<Fire> out = new ArrayList<>();
        if (Files.exists(f)) {
            for (String l : Files.readAllLines(f)) {
                String[] p = l.trim().split(" ");
                if (p.length == 3) {
                    out.add(new Fire(Long.parseLong(p[0]), p[1], Long.parseLong(p[2])));
                }
            }
        }
        return out;
    }

    @Test
    void eachFireRunsOnceAcrossThreeAgentsAndSurvivesAKill() throws Exception {
        Optional<Path> bin = PostgresServer.binaries();
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(bin.isPresent(), "PostgreSQL binaries (Debian package postgresql) not installed");
        }
        assertTrue(bin.isPresent(), "CI=true but /usr/lib/postgresql/*/bin/initdb is missing: apt-get install postgresql");
        try (PostgresServer pg = PostgresServer.start(bin.get())) {
            Path tab = dir.resolve("crontab");
            Files.writeString(tab, "@every 1s echo \"$STEWARD_CRON_SCHEDULED $AGENT $(date +\\%s\\%3N)\" >> "
                    + dir.resolve("fires.txt") + "\n");
            List<Steward> agents = new ArrayList<>();
            try {
                for (int i = 1; i <= 3; i++) {
                    Path home = Files.createDirectories(dir.resolve("a" + i));
                    agents.add(Steward.start(home, Map.of("AGENT", "a" + i, "STEWARD_CRON_JDBC_URL", pg.jdbcUrl()),
                            "cron", "--cluster-name", "it", "--home", home.toString(), tab.toString()));
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> agents.stream().allMatch(a -> out(a).contains("joined as")));
                long joined = System.currentTimeMillis();
                await().atMost(Duration.ofSeconds(60)).until(() -> fires().stream().filter(f -> f.scheduled() > joined).count() >= 20);
                List<Fire> window = fires().stream().filter(f -> f.scheduled() > joined)
                        .sorted(java.util.Comparator.comparingLong(Fire::scheduled)).toList();
                assertNoDuplicates(fires());
                assertConsecutive(window.subList(0, 20));

                Fire last = window.get(window.size() - 1);
                Steward holder = agents.get(Integer.parseInt(last.agent().substring(1)) - 1);
                long killedAt = System.currentTimeMillis();
                holder.signal("KILL");
                await().atMost(Duration.ofSeconds(30)).until(() -> fires().stream().filter(f -> f.scheduled() > killedAt + 5000).count() >= 1);
                List<Fire> after = fires().stream().filter(f -> f.started() > killedAt).toList();
                assertTrue(after.stream().noneMatch(f -> f.agent().equals(last.agent())), "the dead agent ran nothing: " + after);
                long takeover = after.get(0).started() - killedAt;
                assertTrue(takeover <= CHECKIN_MS + 1000, "taken over in " + takeover + " ms: " + after);
                assertNoDuplicates(fires());
                System.out.println("cluster takeover after kill: " + takeover + " ms");
            } finally {
                for (Steward a : agents) {
                    a.close();
                }
            }
        }
    }

    private static String out(Steward a) {
        try {
            return a.stdout();
        } catch (IOException e) {
            return "";
        }
    }

    private static void assertNoDuplicates(List<Fire> fires) {
        Set<Long> seen = new HashSet<>();
        for (Fire f : fires) {
            assertTrue(seen.add(f.scheduled()), "fire " + f.scheduled() + " ran twice: " + fires);
        }
    }

    private static void assertConsecutive(List<Fire> fires) {
        for (int i = 1; i < fires.size(); i++) {
            assertEquals(fires.get(i - 1).scheduled() + 1000, fires.get(i).scheduled(), "no fire missed: " + fires);
        }
    }
}
