package steward.compat.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code [program:x]} section → its process instances, after Supervisor's
 * {@code _processes_from_section}: options read once (no {@code process_num}), then per instance
 * environment, directory, logs, command and process_name with {@code process_num}/{@code numprocs}
 * and the program's own {@code ENV_*} keys.
 */
final class ProgramParser {
    private final ParseContext ctx;
    private final SectionValues v;
    private final String programName;
    private final String groupName;

    private ProgramParser(ParseContext ctx, String section, String programName, String groupName) {
        this.ctx = ctx;
        this.v = ctx.values(section);
        this.programName = programName;
        this.groupName = groupName;
    }

    /** The processes of {@code section} ("program:x") as members of group {@code groupName}. */
    static List<ProcessConfig> parse(ParseContext ctx, String section, String groupName) throws ConfError {
        SectionValues header = ctx.values(section);
        String programName = header.convert(null, section.substring(section.indexOf(':') + 1),
                ParseContext::validName);
        return new ProgramParser(ctx, section, programName, groupName).processes();
    }

    /** Supervisor's "combined expansions": the ENV names, overridden by the section's own names. */
    private Map<String, Object> combined(Map<String, Object> own) {
        Map<String, Object> all = new LinkedHashMap<>(ctx.envNames());
        all.putAll(own);
        return all;
    }

    private List<ProcessConfig> processes() throws ConfError {
        Map<String, Object> common = new LinkedHashMap<>();
        common.put("here", ctx.here());
        common.put("program_name", programName);
        common.put("host_node_name", ctx.hostname());
        common.put("group_name", groupName);
        Map<String, Object> names = combined(common);

        int priority = v.get("priority", "999", names, Values::integer);
        boolean autostart = v.get("autostart", "true", names, Values::bool);
        AutoRestart autorestart = v.get("autorestart", "unexpected", names, Values::autorestart);
        int startsecs = v.get("startsecs", "1", names, Values::integer);
        int startretries = v.get("startretries", "3", names, Values::integer);
        Signal stopsignal = v.get("stopsignal", "TERM", names, Values::signal);
        int stopwaitsecs = v.get("stopwaitsecs", "10", names, Values::integer);
        boolean stopasgroup = v.get("stopasgroup", "false", names, Values::bool);
        boolean killasgroup = v.get("killasgroup", Boolean.toString(stopasgroup), names, Values::bool);
        List<Integer> exitcodes = v.get("exitcodes", "0", names, Values::exitcodes);
        boolean redirectStderr = v.get("redirect_stderr", "false", names, Values::bool);
        int numprocs = v.get("numprocs", "1", names, Values::integer);
        int numprocsStart = v.get("numprocs_start", "0", names, Values::integer);
        String environment = v.raw("environment", "");
        long stdoutCapture = v.get("stdout_capture_maxbytes", "0", names, Values::byteSize);
        boolean stdoutEvents = v.get("stdout_events_enabled", "false", names, Values::bool);
        long stderrCapture = v.get("stderr_capture_maxbytes", "0", names, Values::byteSize);
        boolean stderrEvents = v.get("stderr_events_enabled", "false", names, Values::bool);
        String serverurl = v.text("serverurl", null, names);
        if (serverurl == null || Py.strip(serverurl).equalsIgnoreCase("AUTO")) {
            serverurl = "AUTO";
        }
        Optional<String> user = Optional.ofNullable(v.text("user", null, names));
        if (user.isPresent()) {
            v.convert("user", user.get(), s -> Values.user(s, ctx.users()));
        }
        String umaskText = v.text("umask", null, names);
        Optional<Integer> umask = umaskText == null ? Optional.empty()
                : Optional.of(v.convert("umask", umaskText, Values::octal));
        String processName = v.convert("process_name", v.raw("process_name", "%(program_name)s"),
                ParseContext::validName);
        if (numprocs > 1 && !processName.contains("%(process_num)")) {
            throw v.error("process_name", "%(process_num) must be present within process_name when numprocs > 1");
        }
        if (stopasgroup && !killasgroup) {
            throw v.error("killasgroup", "Cannot set stopasgroup=true and killasgroup=false");
        }

        List<ProcessConfig> out = new ArrayList<>();
        for (int num = numprocsStart; num < numprocsStart + numprocs; num++) {
            common.put("process_num", num);
            common.put("numprocs", numprocs);
            common.putAll(ctx.envNames());
            Map<String, String> env = v.convert("environment",
                    v.expand("environment", environment, common, "environment"), Values::environment);
            env.forEach((k, val) -> common.put("ENV_" + k, val));
            names = combined(common);

            String dir = v.text("directory", null, names);
            Optional<String> directory = dir == null ? Optional.empty()
                    : Optional.of(v.convert("directory", dir, ProgramParser::path));
            LogConfig stdout = log("stdout", names, common, stdoutCapture, stdoutEvents);
            LogConfig stderr = log("stderr", names, common, stderrCapture, stderrEvents);
            if (redirectStderr) {
                if (stderr.target().kind() == LogTarget.Kind.FILE) {
                    ctx.warnings().add(v.where("stderr_logfile") + "For [" + v.name() + "], redirect_stderr=true "
                            + "but stderr_logfile has also been set to a filename, the filename has been ignored");
                }
                stderr = new LogConfig(LogTarget.NONE, stderr.maxbytes(), stderr.backups(),
                        stderr.captureMaxbytes(), stderr.eventsEnabled(), stderr.syslog());
            }
            String command = v.text("command", null, names);
            if (command == null) {
                throw v.error(null, "program section " + v.name() + " does not specify a command");
            }
            String name = v.expand("process_name", processName, common, "process_name");
            ContainerOptions container = ContainerKeys.read(v, names);
            out.add(new ProcessConfig(name, programName, command, priority, autostart, autorestart, startsecs,
                    startretries, exitcodes, stopsignal, stopwaitsecs, stopasgroup, killasgroup, user, directory,
                    umask, env, redirectStderr, stdout, stderr, serverurl,
                    v.fileOf(null) + ":" + v.lineOf(null), container));
        }
        out.sort(Comparator.comparingInt(ProcessConfig::priority).thenComparing(ProcessConfig::name));
        return out;
    }

    private static String path(String text) {
        try {
            Path.of(text);
            return text;
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("invalid path " + Py.repr(text));
        }
    }

    private LogConfig log(String channel, Map<String, Object> names, Map<String, Object> common,
            long capture, boolean events) throws ConfError {
        String lfKey = channel + "_logfile";
        String mbKey = channel + "_logfile_maxbytes";
        String syKey = channel + "_syslog";
        Optional<LogTarget> target = Optional.of(LogTarget.AUTO);
        String text = v.text(lfKey, null, names);
        if (text != null) {
            String twice = v.expand(lfKey, text, common, lfKey);
            target = v.convert(lfKey, twice, s -> Values.logfile(s, ctx.homes()));
        }
        int backups = v.get(channel + "_logfile_backups", "10", names, Values::integer);
        long maxbytes = v.get(mbKey, "50MB", names, Values::byteSize);
        boolean syslog = v.get(syKey, "false", names, Values::bool);
        if (target.isEmpty()) {
            ctx.warnings().add(v.where(lfKey) + "For [" + v.name() + "], " + lfKey + "=syslog but this is "
                    + "deprecated and will be removed.  Use " + syKey + "=true to enable syslog instead.");
            syslog = true;
        }
        LogTarget t = target.orElse(LogTarget.NONE);
        if (t.kind() == LogTarget.Kind.AUTO && maxbytes == 0) {
            ctx.warnings().add(v.where(mbKey) + "For [" + v.name() + "], AUTO logging used for " + lfKey
                    + " without rollover, set maxbytes > 0 to avoid filling up filesystem unintentionally");
        }
        return new LogConfig(t, maxbytes, backups, capture, events, syslog);
    }
}
