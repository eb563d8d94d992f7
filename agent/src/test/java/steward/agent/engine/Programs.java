package steward.agent.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import steward.compat.config.AutoRestart;
import steward.compat.config.DaemonConfig;
import steward.compat.config.GroupConfig;
import steward.compat.config.LogConfig;
import steward.compat.config.LogLevel;
import steward.compat.config.LogTarget;
import steward.compat.config.ProcessConfig;
import steward.compat.config.Signal;
import steward.compat.config.SupervisordConf;

/** Builds configurations for engine tests, with Supervisor's defaults unless a test says otherwise. */
record Programs(Path dir) {

    ProcessConfig program(String name, String command) {
        return new ProcessConfig(name, name, command, 999, true, AutoRestart.UNEXPECTED, 1, 3, List.of(0),
                new Signal("TERM", 15), 10, false, false, Optional.empty(), Optional.empty(), Optional.empty(),
                Map.of(), false, log(name + ".out"), log(name + ".err"), "AUTO", "test:1");
    }

    LogConfig log(String file) {
        return new LogConfig(LogTarget.file(dir.resolve(file)), 50L * 1024 * 1024, 10, 0, false, false);
    }

    static ProcessConfig with(ProcessConfig p, java.util.function.UnaryOperator<Builder> change) {
        return change.apply(new Builder(p)).build();
    }

    SupervisordConf conf(ProcessConfig... programs) {
        List<GroupConfig> groups = new java.util.ArrayList<>();
        for (ProcessConfig p : programs) {
            groups.add(new GroupConfig(p.programName(), p.priority(), List.of(p)));
        }
        return confOf(groups);
    }

    SupervisordConf confOf(List<GroupConfig> groups) {
        DaemonConfig d = new DaemonConfig(Optional.of(dir.resolve("supervisord.log")), 0, 0, LogLevel.DEBG,
                dir.resolve("supervisord.pid"), dir, 022, Optional.empty(), Map.of(), "supervisor", true, true,
                1024, 200, false, Optional.empty(), false);
        return new SupervisordConf(dir.resolve("supervisord.conf"), d, groups, Optional.empty(), Optional.empty(),
                new steward.compat.config.CtlConfig(Optional.empty(), Optional.empty(), Optional.empty(), "supervisor",
                        Optional.empty()), List.of());
    }

    /** Mutable copy of a ProcessConfig for tests. */
    static final class Builder {
        String name;
        String command;
        int priority;
        boolean autostart;
        AutoRestart autorestart;
        int startsecs;
        int startretries;
        List<Integer> exitcodes;
        Signal stopsignal;
        int stopwaitsecs;
        boolean stopasgroup;
        boolean killasgroup;
        Optional<String> directory;
        Optional<Integer> umask;
        Map<String, String> environment;
        boolean redirectStderr;
        LogConfig stdout;
        LogConfig stderr;
        steward.compat.config.ContainerOptions container;
        private final ProcessConfig base;

        Builder(ProcessConfig p) {
            base = p;
            name = p.name();
            command = p.command();
            priority = p.priority();
            autostart = p.autostart();
            autorestart = p.autorestart();
            startsecs = p.startsecs();
            startretries = p.startretries();
            exitcodes = p.exitcodes();
            stopsignal = p.stopsignal();
            stopwaitsecs = p.stopwaitsecs();
            stopasgroup = p.stopasgroup();
            killasgroup = p.killasgroup();
            directory = p.directory();
            umask = p.umask();
            environment = p.environment();
            redirectStderr = p.redirectStderr();
            stdout = p.stdout();
            stderr = p.stderr();
            container = p.container();
        }

        Builder startsecs(int v) { startsecs = v; return this; }
        Builder startretries(int v) { startretries = v; return this; }
        Builder autorestart(AutoRestart v) { autorestart = v; return this; }
        Builder autostart(boolean v) { autostart = v; return this; }
        Builder exitcodes(Integer... v) { exitcodes = List.of(v); return this; }
        Builder stopsignal(String n, int v) { stopsignal = new Signal(n, v); return this; }
        Builder stopwaitsecs(int v) { stopwaitsecs = v; return this; }
        Builder stopasgroup(boolean v) { stopasgroup = v; killasgroup = v; return this; }
        Builder killasgroup(boolean v) { killasgroup = v; return this; }
        Builder priority(int v) { priority = v; return this; }
        Builder directory(Path v) { directory = Optional.of(v.toString()); return this; }
        Builder umask(int v) { umask = Optional.of(v); return this; }
        Builder environment(Map<String, String> v) { environment = v; return this; }
        Builder redirectStderr(boolean v) { redirectStderr = v; return this; }
        Builder stdout(LogConfig v) { stdout = v; return this; }
        Builder stderr(LogConfig v) { stderr = v; return this; }
        Builder container(steward.compat.config.ContainerOptions v) { container = v; return this; }

        ProcessConfig build() {
            return new ProcessConfig(name, base.programName(), command, priority, autostart, autorestart, startsecs,
                    startretries, exitcodes, stopsignal, stopwaitsecs, stopasgroup, killasgroup, base.user(),
                    directory, umask, environment, redirectStderr, stdout, stderr, base.serverurl(), base.source(),
                    container);
        }
    }
}
