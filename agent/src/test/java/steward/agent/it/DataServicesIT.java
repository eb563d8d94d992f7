package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.builder.env.AppEnvironment;
import steward.builder.env.EnvironmentFiles;
import steward.builder.manifest.BuildManifest;
import steward.builder.manifest.ManifestParser;

/**
 * Every data type on Debian's real servers (samples/data-app): each data service deployed into its
 * own home and run by its own {@code steward run}; the python app, built with the others' keys from
 * {@link AppEnvironment#wiring}, finds each through its {@code DOTCLOUD_*} keys and writes a
 * value; every data service is redeployed and its agent restarted, and the value is still there;
 * {@code steward backup} makes a non-empty dump that restores. All services run side by side, so
 * the whole test costs about the slowest server's start (RabbitMQ) twice.
 */
class DataServicesIT {
    private static final Duration START = Duration.ofSeconds(150);
    /** service name in samples/data-app → the app's kind for it. */
    private static final Map<String, String> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("data", "redis");
        KINDS.put("db", "sql");
        KINDS.put("gis", "postgis");
        KINDS.put("sql", "mysql");
        KINDS.put("mq", "amqp");
        KINDS.put("cache", "memcached");
        KINDS.put("mail", "smtp");
    }

    @TempDir
    Path dir;

    /** Skips the test when one of these files is missing, except on CI, where it fails. */
    static void requireServers(List<String> files) {
        for (String file : files) {
            Apps.require(Files.exists(Path.of(file)), file);
        }
    }

    @Test
    void everyDataTypeKeepsItsDataAcrossRedeploysAndRestartsAndBacksUp() throws Exception {
        // the servers by the paths Steward runs them from (/usr/sbin is not on every user's PATH)
        requireServers(List.of("/usr/bin/redis-server", "/usr/lib/postgresql/15/bin/postgres",
                "/usr/share/postgresql/15/extension/postgis.control", "/usr/sbin/mariadbd", "/usr/lib/rabbitmq/bin/rabbitmq-server",
                "/usr/bin/memcached", "/usr/lib/python3/dist-packages/aiosmtpd", "/usr/lib/python3/dist-packages/pika"));
        for (String tool : List.of("psql", "mysql", "redis-cli", "gunzip", "tar")) {
            Apps.requireTool(tool);
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // the servers' user enters it
        Path tree = Apps.sample("data-app", dir.resolve("tree"));
        BuildManifest manifest = new ManifestParser().parseTree(tree);
        Map<String, AppEnvironment.Address> addresses = new LinkedHashMap<>();
        Map<String, Path> homes = new LinkedHashMap<>();
        for (String s : KINDS.keySet()) {
            homes.put(s, dir.resolve("h-" + s));
            addresses.put(s, AppEnvironment.dataService(homes.get(s), manifest.service(s).orElseThrow(), "127.0.0.1",
                    OptionalInt.of(freePorts(s.equals("mq") ? 3 : 1))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(KINDS.size());
        Map<String, Steward> agents = new LinkedHashMap<>();
        try {
            // deploy every data service into its home (no agent yet), then start their agents side by side
            each(pool, s -> deploy(homes.get(s), s, tree, Map.of(), "deploy-" + s));
            for (String s : KINDS.keySet()) {
                agents.put(s, startAgent(homes.get(s), "run1-" + s));
            }
            Path appHome = dir.resolve("h-app");
            deploy(appHome, "app", tree, AppEnvironment.wiring(manifest, addresses, "app"), "deploy-app");
            Map<String, String> appEnv = EnvironmentFiles.read(appHome);
            assertEquals(addresses.get("data").password().orElseThrow(), appEnv.get("DOTCLOUD_DATA_REDIS_PASSWORD"));
            assertTrue(appEnv.get("DOTCLOUD_DB_SQL_URL").startsWith("pgsql://root:"), appEnv.toString());
            for (String s : KINDS.keySet()) {
                awaitRunning(homes.get(s), 1);
            }
            phase("all running");
            if ("root".equals(System.getProperty("user.name"))) {
                long pg = Long.parseLong(programPid(homes.get("db"), "postgresql"));
                assertNotEquals("0", uid(pg), "PostgreSQL runs unprivileged when the agent is root");
            }

            // the app writes through the keys, and reads back
            Map<String, String> values = new LinkedHashMap<>();
            for (var e : KINDS.entrySet()) {
                String v = "v-" + e.getValue() + "-" + System.nanoTime() % 100000;
                values.put(e.getKey(), v);
                assertEquals(v, app(appEnv, "write", e.getValue(), v, e.getKey()).strip());
            }

            // redeploy each data service through its agent, then restart its agent
            each(pool, s -> deploy(homes.get(s), s, tree, Map.of(), "redeploy-" + s));
            phase("redeployed");
            for (String s : KINDS.keySet()) {
                agents.get(s).signal("TERM");
            }
            for (String s : KINDS.keySet()) {
                assertEquals(0, agents.get(s).waitFor(90), s + ": " + agents.get(s).stderr());
                agents.get(s).close();
                agents.put(s, startAgent(homes.get(s), "run2-" + s));
            }
            for (String s : KINDS.keySet()) {
                awaitRunning(homes.get(s), 3); // first start, the redeploy, the restart
            }
            for (var e : KINDS.entrySet()) {
                String kind = e.getValue();
                if (kind.equals("smtp")) {
                    assertTrue(mailbox(homes.get(e.getKey())).contains(values.get(e.getKey())), "the mail kept in HOME/data/mail");
                } else if (kind.equals("memcached")) {
                    String v = "again-" + System.nanoTime() % 1000; // a cache: nothing survives a restart, but it serves
                    assertEquals(v, app(appEnv, "write", kind, v, e.getKey()).strip());
                } else {
                    assertEquals(values.get(e.getKey()), app(appEnv, "read", kind, e.getKey()).strip(), kind + " kept its data");
                }
            }

            // backups: non-empty, and they restore
            Path backups = Files.createDirectories(dir.resolve("backups"));
            phase("restarted, data checked");
            each(pool, s -> {
                Steward.Result b = Apps.steward(dir, "backup-" + s, "backup", "--home", homes.get(s).toString(), "--to",
                        backups.resolve(s).toString());
                assertEquals(0, b.exitCode(), b.stdout() + b.stderr());
            });
            assertTrue(Apps.steward(dir, "backup-cache2", "backup", "--home", homes.get("cache").toString()).stdout()
                    .contains("Nothing to back up: memcached keeps nothing on disk"));
            Restores.postgres(dir, one(backups.resolve("db")), addresses.get("db"), appEnv, values.get("db"), "sql", "db");
            Restores.postgres(dir, one(backups.resolve("gis")), addresses.get("gis"), appEnv, values.get("gis"), "postgis", "gis");
            Restores.mysql(dir, one(backups.resolve("sql")), addresses.get("sql"), appEnv, values.get("sql"));
            Restores.redis(dir, one(backups.resolve("data")), freePorts(1), values.get("data"));
            // a tar restores as the README says: stop the service, unpack it in HOME (its data removed first)
            for (String s : List.of("mq", "mail")) {
                agents.get(s).signal("TERM");
                assertEquals(0, agents.get(s).waitFor(90), s + ": " + agents.get(s).stderr());
                agents.get(s).close();
                Restores.archive(dir, one(backups.resolve(s)), homes.get(s));
                agents.put(s, startAgent(homes.get(s), "restored-" + s));
            }
            awaitRunning(homes.get("mq"), 4);
            awaitRunning(homes.get("mail"), 4);
            assertEquals(values.get("mq"), app(appEnv, "read", "amqp", "mq").strip(), "rabbitmq restored from its tar");
            assertTrue(mailbox(homes.get("mail")).contains(values.get("mail")), "the mail restored from its tar");

            phase("backed up and restored");
            for (Steward a : agents.values()) {
                a.signal("TERM");
            }
            for (var e : agents.entrySet()) {
                assertEquals(0, e.getValue().waitFor(90), e.getKey());
            }
        } finally {
            pool.shutdownNow();
            for (Steward a : agents.values()) {
                a.close();
            }
        }
    }

    private final long t0 = System.nanoTime();

    /** Where the time goes (the test's output), for keeping it short. */
    private void phase(String what) {
        System.out.printf("DataServicesIT: %s after %.1f s (load %s)%n", what, (System.nanoTime() - t0) / 1e9,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** The python app (samples/data-app/app.py) with the app service's environment. */
    static String app(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", Apps.SAMPLES.resolve("data-app/app.py").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", args) + ": " + out);
        return out;
    }

    private void deploy(Path home, String service, Path tree, Map<String, String> env, String name) throws Exception {
        List<String> args = new ArrayList<>(List.of("deploy", "--home", home.toString(), "--service", service));
        env.forEach((k, v) -> args.addAll(List.of("--env", k + "=" + v)));
        args.add(tree.toString());
        Steward.Result r = Apps.steward(dir, name, args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), name + ": " + r.stdout() + r.stderr());
    }

    private Steward startAgent(Path home, String name) throws IOException {
        Path out = Files.createDirectories(dir.resolve("out-" + name));
        return Steward.start(out, "run", "--drain-delay", "0", "--home", home.toString(), "--socket", home.resolve("run/s.sock").toString(), "--log-dir",
                home.resolve("log").toString());
    }

    /** Waits until every program of the home has entered RUNNING (after its ready check) {@code times} times in all. */
    private static void awaitRunning(Path home, int times) {
        Path log = home.resolve("log/supervisord.log");
        await().atMost(START).pollInterval(Duration.ofMillis(200)).until(() -> {
            String text = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = Pattern.compile("(?m)^\\S+ \\S+ INFO spawned: '([^']+)'").matcher(text);
            List<String> programs = new ArrayList<>();
            while (m.find()) {
                if (!programs.contains(m.group(1))) {
                    programs.add(m.group(1));
                }
            }
            return !programs.isEmpty() && programs.stream().allMatch(p -> count(text, "success: " + p + " entered RUNNING") >= times);
        });
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static String programPid(Path home, String program) throws IOException {
        Matcher m = Pattern.compile("spawned: '" + program + "' with pid (\\d+)").matcher(Files.readString(home.resolve("log/supervisord.log")));
        String pid = null;
        while (m.find()) {
            pid = m.group(1);
        }
        return pid;
    }

    private static String uid(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream().filter(l -> l.startsWith("Uid:"))
                .findFirst().orElseThrow().split("\\s+")[1];
    }

    private static String mailbox(Path home) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.walk(home.resolve("data/mail"))) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                sb.append(Files.readString(p));
            }
        }
        return sb.toString();
    }

    private static Path one(Path backupDir) throws IOException {
        try (Stream<Path> s = Files.list(backupDir)) {
            List<Path> files = s.toList();
            assertEquals(1, files.size(), files.toString());
            assertTrue(Files.size(files.get(0)) > 20, files.get(0) + " is not empty");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(0))));
            return files.get(0);
        }
    }

    /** A free port whose {@code n - 1} successors are free too (rabbitmq takes PORT, PORT+1, PORT+2). */
    static int freePorts(int n) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int p = Apps.freePort();
            boolean all = p + n < 65536;
            for (int i = 1; i < n && all; i++) {
                try (ServerSocket s = new ServerSocket(p + i)) {
                    s.getLocalPort();
                } catch (IOException e) {
                    all = false;
                }
            }
            if (all) {
                return p;
            }
        }
        throw new IOException("no " + n + " consecutive free ports");
    }

    private interface Step {
        void run(String service) throws Exception;
    }

    private static void each(ExecutorService pool, Step step) throws Exception {
        List<Future<?>> all = new ArrayList<>();
        for (String s : KINDS.keySet()) {
            all.add(pool.submit(() -> {
                step.run(s);
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
    }
}
