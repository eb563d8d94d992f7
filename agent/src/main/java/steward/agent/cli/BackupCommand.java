package steward.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import steward.builder.Builder;
import steward.builder.ReleaseView;
import steward.builder.base.BuildListener;
import steward.builder.base.BuilderConfig;
import steward.builder.data.Backup;
import steward.builder.data.DataEndpoint;
import steward.builder.data.DataLayout;
import steward.builder.data.DataType;
import steward.builder.data.DataTypes;
import steward.builder.manifest.ManifestParser;
import steward.builder.manifest.ServiceSpec;
import steward.builder.program.StackUser;

/**
 * {@code steward backup}: one gzipped backup of the data service in HOME, into a directory, as
 * dotCloud's backup.sh made them: {@code pg_dumpall} (postgresql, postgis), {@code mysqldump
 * --all-databases} (mysql), redis's BGSAVE then its RDB file, a tar of {@code HOME/data}
 * (rabbitmq, smtp). The file is 0600 (it holds the data and its password hashes). Prints the file
 * written; exit 1 (and no file) when the server did not answer. Usable from a
 * crontab: {@code 0 3 * * * steward backup --home ~ --to ~/backups}.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Back up the data service in HOME into a gzipped file in a directory (pg_dumpall, mysqldump, "
                + "redis BGSAVE + its RDB, or a tar of HOME/data)."})
public final class BackupCommand implements Callable<Integer> {
    private static final long REDIS_SAVE_MS = 10 * 60 * 1000L;

    @Option(names = "--home", description = "the data service's home (default: ${DEFAULT-VALUE})", defaultValue = "/home/dotcloud")
    Path home;

    @Option(names = "--to", description = "the directory the backup goes into (default: HOME/backups)")
    Path to;

    @Override
    public Integer call() throws Exception {
        Builder builder = new Builder(BuilderConfig.defaults(home), BuildListener.NONE);
        var active = builder.active();
        if (active.isEmpty()) {
            System.err.println("steward backup: no service is deployed in " + home);
            return 2;
        }
        ReleaseView view = builder.view(active.get());
        ServiceSpec service = new ManifestParser().parseTree(active.get().dir()).service(view.metadata().service())
                .orElseThrow(() -> new IOException("service " + view.metadata().service() + " is not in its release's dotcloud.yml"));
        if (service.type().isCode()) {
            System.err.println("steward backup: " + service.name() + " is a " + service.type() + " service; backup is for data services");
            return 2;
        }
        DataType type = DataTypes.of(service.type());
        DataLayout layout = new DataLayout(builder.config().home(), builder.config().home(), service,
                DataEndpoint.peek(builder.config().home(), type), DataTypes.serverUser(builder.config().home()).map(StackUser::name));
        Path dir = (to != null ? to : builder.config().home().resolve("backups")).toAbsolutePath();
        Files.createDirectories(dir);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String base = service.name() + "-" + type.type() + "-" + stamp;
        Backup backup = type.server().backup(layout);
        if (backup instanceof Backup.Nothing n) {
            System.out.println("Nothing to back up: " + n.why());
            return 0;
        }
        Path out = dir.resolve(base + (backup instanceof Backup.Dump d ? "." + d.name() + ".gz"
                : backup instanceof Backup.RedisSave ? ".rdb.gz" : ".data.tar.gz"));
        try {
            Files.createFile(out, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            if (backup instanceof Backup.Dump d) {
                gzipOutput(d.command(), d.environment(), out);
            } else if (backup instanceof Backup.RedisSave r) {
                redis(r, out);
            } else if (backup instanceof Backup.Archive a) {
                run(List.of("tar", "-C", a.dir().getParent().toString(), "--warning=no-file-ignored", "-czf", out.toString(),
                        a.dir().getFileName().toString()), Map.of());
            }
        } catch (IOException e) {
            Files.deleteIfExists(out);
            System.err.println("steward backup: " + e.getMessage());
            return 1;
        }
        System.out.println("Backed up " + service.name() + " (" + type.type() + ") to " + out + " (" + Files.size(out) + " bytes)");
        return 0;
    }

    private static void gzipOutput(List<String> command, Map<String, String> env, Path out) throws IOException, InterruptedException {
        Path err = Files.createTempFile("steward-backup-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                    new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            try (InputStream in = p.getInputStream(); OutputStream gz = new GZIPOutputStream(Files.newOutputStream(out))) {
                in.transferTo(gz);
            }
            if (p.waitFor() != 0) {
                throw new IOException(command.get(0) + " exited with " + p.exitValue() + ": "
                        + Files.readString(err, java.nio.charset.StandardCharsets.UTF_8).strip());
            }
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** BGSAVE, then waits (polling LASTSAVE) until redis has written a newer RDB, and copies it gzipped. */
    private static void redis(Backup.RedisSave r, Path out) throws IOException, InterruptedException {
        long before = Long.parseLong(run(concat(r.cli(), "LASTSAVE"), r.environment()).strip());
        String reply = run(concat(r.cli(), "BGSAVE"), r.environment()).strip();
        if (!reply.startsWith("Background saving started") && !reply.contains("scheduled")) {
            throw new IOException("redis BGSAVE: " + reply);
        }
        long deadline = System.currentTimeMillis() + REDIS_SAVE_MS;
        while (Long.parseLong(run(concat(r.cli(), "LASTSAVE"), r.environment()).strip()) == before) {
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("redis did not finish BGSAVE within 10 minutes");
            }
            Thread.sleep(100);
        }
        try (InputStream in = Files.newInputStream(r.rdb()); OutputStream gz = new GZIPOutputStream(Files.newOutputStream(out))) {
            in.transferTo(gz);
        }
    }

    /** Runs a command to its end; its stdout, or an IOException with its stderr when it fails. */
    private static String run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(command.get(0) + " " + command.get(command.size() - 1) + " exited with " + p.exitValue() + ": "
                    + output.strip());
        }
        return output;
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> all = new ArrayList<>(a);
        all.add(b);
        return all;
    }
}
