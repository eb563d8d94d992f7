package steward.agent.engine;

import com.sun.jna.Pointer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import steward.agent.envfile.DotenvFile;
import steward.agent.os.Errno;
import steward.agent.os.LibC;
import steward.compat.api.Fault;
import steward.compat.api.ProcessRef;
import steward.compat.config.ProcessConfig;

/**
 * Everything about starting one child except the spawn itself: the resolved command, the
 * environment Supervisor gives children, the working directory and umask, and {@code user=}
 * (through {@code setpriv} when the daemon is root, since posix_spawn cannot change users).
 */
final class ChildLaunch {
    private static final String SETPRIV = "/usr/bin/setpriv";

    private final ProcessRef ref;
    private final ProcessConfig config;
    private final EngineContext ctx;

    /** Ready to spawn; {@code preExecError} is what the child would report instead of running, if anything. */
    record Prepared(String filename, List<String> argv, String argv0, List<String> env, String directory, int umask,
                    String preExecError, List<Integer> passFds) {
    }

    /**
     * Passed fds follow systemd's convention, whose {@code LISTEN_PID} must be the program's own pid:
     * set by a shell that then execs the program (same pid), inside any {@code user=} wrapper.
     */
    private static final List<String> LISTEN_PID_WRAPPER = List.of("/bin/sh", "-c",
            "LISTEN_PID=$$; export LISTEN_PID; exec \"$0\" \"$@\"");

    ChildLaunch(ProcessRef ref, ProcessConfig config, EngineContext ctx) {
        this.ref = ref;
        this.config = config;
        this.ctx = ctx;
    }

    CommandResolver.Resolved resolve() throws CommandResolver.BadCommand {
        return CommandResolver.resolve(config.command(), config.environment(), ctx.daemonEnv());
    }

    Prepared prepare() throws CommandResolver.BadCommand {
        CommandResolver.Resolved cmd = resolve();
        String filename = cmd.filename();
        List<String> argv = cmd.argv();
        List<Integer> passFds;
        try {
            passFds = ctx.hooks().passFds(ref, config);
        } catch (ProcessHooks.SpawnRefused e) {
            throw new CommandResolver.BadCommand(Fault.SPAWN_ERROR, e.getMessage());
        }
        if (!passFds.isEmpty()) {
            List<String> wrapped = new ArrayList<>(LISTEN_PID_WRAPPER);
            wrapped.add(filename);
            wrapped.addAll(argv.subList(1, argv.size()));
            argv = wrapped;
            filename = LISTEN_PID_WRAPPER.get(0);
        }
        String preExecError = null;
        if (config.user().isPresent()) {
            UserSwitch sw = userSwitch(config.user().get());
            if (sw.error != null) {
                preExecError = sw.error;
            } else if (sw.wrapperArgs != null) {
                List<String> wrapped = new ArrayList<>(sw.wrapperArgs);
                wrapped.add(filename);
                wrapped.addAll(argv.subList(1, argv.size()));
                argv = wrapped;
                filename = SETPRIV;
            }
        }
        String directory = config.directory().orElse(null);
        if (preExecError == null && directory != null && !Files.isDirectory(Path.of(directory))) {
            int errno = Files.exists(Path.of(directory)) ? 20 : Errno.ENOENT;
            preExecError = "couldn't chdir to " + directory + ": " + Errno.name(errno);
        }
        Map<String, String> fromFiles;
        try {
            fromFiles = DotenvFile.read(config.container().environmentFiles());
        } catch (DotenvFile.Unreadable e) {
            throw new CommandResolver.BadCommand(Fault.SPAWN_ERROR, e.getMessage());
        }
        return new Prepared(filename, argv, cmd.argv().get(0), environment(fromFiles), directory,
                config.umask().orElse(-1), preExecError, passFds);
    }

    /**
     * The daemon's environment, Supervisor's four variables, the {@code environment_file}s, then the
     * program's own {@code environment=} (which wins).
     */
    List<String> environment(Map<String, String> fromFiles) {
        Map<String, String> env = new LinkedHashMap<>(ctx.daemonEnv());
        env.put("SUPERVISOR_ENABLED", "1");
        String serverUrl = config.serverurl() == null || config.serverurl().equalsIgnoreCase("AUTO")
                ? ctx.serverUrl() : config.serverurl();
        if (serverUrl != null) {
            env.put("SUPERVISOR_SERVER_URL", serverUrl);
        }
        env.put("SUPERVISOR_PROCESS_NAME", ref.name());
        env.put("SUPERVISOR_GROUP_NAME", ref.group());
        env.putAll(ctx.hooks().environment(ref, config));
        env.putAll(fromFiles);
        env.putAll(config.environment());
        ctx.hooks().environmentAppend(ref, config).forEach((k, v) -> env.merge(k, v, ChildLaunch::join));
        List<String> out = new ArrayList<>(env.size());
        env.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    /** {@code a} then {@code b}, a space between when both have words. */
    static String join(String a, String b) {
        return a.isBlank() ? b : a + " " + b;
    }

    private record UserSwitch(List<String> wrapperArgs, String error) {
    }

    private static UserSwitch userSwitch(String user) {
        Pointer pw = LibC.getpwnam(user);
        int uid;
        int gid;
        if (pw == null) {
            if (!user.chars().allMatch(Character::isDigit)) {
                return new UserSwitch(null, "couldn't setuid to " + user + ": no such user");
            }
            uid = Integer.parseInt(user);
            gid = uid;
        } else {
            uid = pw.getInt(16);
            gid = pw.getInt(20);
        }
        int me = LibC.geteuid();
        if (uid == me) {
            return new UserSwitch(null, null);
        }
        if (me != 0) {
            return new UserSwitch(null, "couldn't setuid to " + uid + ": Can't drop privilege as nonroot user");
        }
        if (!Files.isExecutable(Path.of(SETPRIV))) {
            return new UserSwitch(null, "couldn't setuid to " + uid + ": " + SETPRIV + " (util-linux) is missing");
        }
        List<String> args = new ArrayList<>(List.of(SETPRIV, "--reuid=" + uid, "--regid=" + gid));
        args.add(pw != null ? "--init-groups" : "--clear-groups");
        args.add("--");
        return new UserSwitch(args, null);
    }
}
