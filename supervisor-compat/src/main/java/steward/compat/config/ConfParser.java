package steward.compat.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * supervisord.conf (with its {@code [include]} files) → {@link SupervisordConf}, as Supervisor 4.2.5
 * reads it (CRLF or lone CR line ends as Python's text mode, a UTF-8 BOM refused as it refuses it).
 */
public final class ConfParser {
    private final Users users;
    private final Path cwd;

    ConfParser(Users users, Path cwd) {
        this.users = users;
        this.cwd = cwd;
    }

    /**
     * Parses {@code file}.
     *
     * @param env supervisord's environment ({@code %(ENV_X)s}, HOME for {@code ~}, TMPDIR for childlogdir)
     * @param hostname {@code %(host_node_name)s}
     * @throws ConfError the first fatal error, as {@code FILE:LINE: [section] key: reason}
     */
    public static SupervisordConf parse(Path file, Map<String, String> env, String hostname) throws ConfError {
        return new ConfParser(Users.system(), Path.of("").toAbsolutePath()).read(file, env, hostname);
    }

    SupervisordConf read(Path given, Map<String, String> env, String hostname) throws ConfError {
        Path file = cwd.resolve(given).normalize();
        if (!Files.exists(file)) {
            throw ConfError.ofFile(file, "could not find config file " + given);
        }
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw ConfError.ofFile(file, "could not read config file " + given);
        }
        List<String> warnings = new ArrayList<>();
        IniReader ini = new IniReader(warnings);
        ini.read(file);
        Map<String, Object> envNames = new LinkedHashMap<>();
        env.forEach((k, v) -> envNames.put("ENV_" + k, v));
        String here = file.getParent().toString();
        ParseContext ctx = new ParseContext(ini, file, here, hostname, envNames,
                new HomeDirs(env, users), users, cwd, warnings);
        if (ini.section("include").isPresent()) {
            includes(ctx);
        }
        if (ini.section("supervisord").isEmpty()) {
            throw ConfError.ofFile(file, ".ini file does not include supervisord section");
        }
        Map<String, Object> processEnvNames = new LinkedHashMap<>(envNames);
        DaemonConfig daemon = DaemonParser.parse(ctx, env);
        PluginSections.check(ctx);
        List<GroupConfig> groups = GroupsParser.parse(ctx);
        groups.sort(Comparator.comparingInt(GroupConfig::priority).thenComparing(GroupConfig::name));
        DependencyCheck.check(ctx, groups);
        var inet = ServerParser.inet(ctx);
        var unix = ServerParser.unix(ctx);
        CtlConfig ctl = ServerParser.ctl(ctx, processEnvNames);
        return new SupervisordConf(file, daemon, groups, unix, inet, ctl, warnings);
    }

    /** [include] files=: globs relative to the main file, read in sorted order; no nesting. */
    private static void includes(ParseContext ctx) throws ConfError {
        IniReader ini = ctx.ini();
        ini.rewriteValues(ConfParser::hereText);
        SectionValues v = ctx.values("include");
        if (!v.has("files")) {
            throw v.error(null, ".ini file has [include] section, but no files setting");
        }
        Map<String, Object> names = new LinkedHashMap<>(ctx.envNames());
        names.put("here", ctx.here());
        names.put("host_node_name", ctx.hostname());
        String files = v.expand("files", v.raw("files", ""), names, "include.files");
        String where = v.where("files");
        for (String pattern : Py.strip(files).split("\\s+")) {
            if (pattern.isEmpty()) {
                continue;
            }
            String joined = pattern.startsWith("/") ? pattern
                    : ctx.here().endsWith("/") ? ctx.here() + pattern : ctx.here() + "/" + pattern;
            List<String> matches = IncludeGlob.glob(joined);
            if (matches.isEmpty()) {
                ctx.warnings().add(where + "No file matches via include \"" + joined + "\"");
                continue;
            }
            for (String match : matches) {
                Path included = Path.of(match);
                if (!Files.isRegularFile(included) || !Files.isReadable(included)) {
                    ctx.warnings().add(where + "included file " + match + " could not be read; skipped");
                    continue;
                }
                Map<String, IniReader.Entry> before = new LinkedHashMap<>(
                        ini.section("include").map(IniReader.Section::entries).orElse(Map.of()));
                ini.read(included);
                ini.rewriteValues(ConfParser::hereText);
                ini.section("include").map(IniReader.Section::entries).ifPresent(after -> after.forEach((k, e) -> {
                    if (!e.equals(before.get(k))) {
                        ctx.warnings().add(e.file() + ":" + e.line() + ": [include] " + k + " in an included file "
                                + "is ignored (included files cannot include further files)");
                    }
                }));
            }
        }
    }

    /** Supervisor's {@code expand_here}: %(here)s replaced textually by the value's own file's directory. */
    private static String hereText(IniReader.Entry e) {
        String dir = e.file().toAbsolutePath().normalize().getParent().toString();
        return e.value().replace("%(here)s", dir);
    }
}
