package steward.compat.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code [supervisord]} section, after Supervisor's {@code ServerOptions.read_config} and {@code realize}. */
final class DaemonParser {
    private DaemonParser() {
    }

    static DaemonConfig parse(ParseContext ctx, Map<String, String> env) throws ConfError {
        SectionValues v = ctx.values("supervisord");
        Map<String, Object> names = new LinkedHashMap<>(ctx.envNames());
        names.put("here", ctx.here());
        int minfds = v.get("minfds", "1024", names, Values::integer);
        int minprocs = v.get("minprocs", "200", names, Values::integer);
        String dir = v.text("directory", null, names);
        Optional<Path> directory = dir == null ? Optional.empty()
                : Optional.of(Path.of(v.<String>convert("directory", dir,
                        s -> Values.existingDirectory(s, ctx.homes()))));
        Optional<String> user = Optional.ofNullable(v.text("user", null, names));
        if (user.isPresent()) {
            v.convert("user", user.get(), s -> Values.user(s, ctx.users()));
        }
        int umask = v.get("umask", "022", names, Values::octal);
        String logfile = v.get("logfile", "supervisord.log", names, s -> Values.existingDirpath(s, ctx.homes()));
        long logfileMaxbytes = v.get("logfile_maxbytes", "50MB", names, Values::byteSize);
        int logfileBackups = v.get("logfile_backups", "10", names, Values::integer);
        LogLevel loglevel = v.get("loglevel", "info", names, Values::logLevel);
        String pidfile = v.get("pidfile", "supervisord.pid", names, s -> Values.existingDirpath(s, ctx.homes()));
        String identifier = v.text("identifier", "supervisor", names);
        boolean nodaemon = v.get("nodaemon", "false", names, Values::bool);
        boolean silent = v.get("silent", "false", names, Values::bool);
        String childlogdir = v.get("childlogdir", tempDir(env, ctx.cwd()),
                names, s -> Values.existingDirectory(s, ctx.homes()));
        boolean nocleanup = v.get("nocleanup", "false", names, Values::bool);
        boolean stripAnsi = v.get("strip_ansi", "false", names, Values::bool);
        Map<String, Object> envNames = new LinkedHashMap<>(names);
        envNames.put("host_node_name", ctx.hostname());
        String environ = v.text("environment", "", names);
        environ = v.expand("environment", environ, envNames, "environment");
        Map<String, String> environment = v.convert("environment", environ, Values::environment);
        environment.forEach((k, val) -> ctx.envNames().put("ENV_" + k, val));
        return new DaemonConfig(
                logfile.equals("syslog") ? Optional.empty() : Optional.of(ctx.normalize(logfile)),
                logfileMaxbytes, logfileBackups, loglevel, ctx.normalize(pidfile), Path.of(childlogdir), umask,
                directory, environment, identifier, nodaemon, silent, minfds, minprocs, nocleanup, user, stripAnsi);
    }

    /** Python's {@code tempfile.gettempdir()}: TMPDIR, TEMP, TMP, /tmp, /var/tmp, /usr/tmp, the cwd. */
    static String tempDir(Map<String, String> env, Path cwd) {
        List<String> candidates = new ArrayList<>();
        for (String name : List.of("TMPDIR", "TEMP", "TMP")) {
            String dir = env.get(name);
            if (dir != null && !dir.isEmpty()) {
                candidates.add(dir);
            }
        }
        candidates.addAll(List.of("/tmp", "/var/tmp", "/usr/tmp"));
        for (String dir : candidates) {
            Path p = cwd.resolve(dir).normalize();
            if (Files.isDirectory(p) && Files.isWritable(p)) {
                return p.toString();
            }
        }
        return cwd.toString();
    }
}
