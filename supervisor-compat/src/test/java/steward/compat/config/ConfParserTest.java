package steward.compat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ConfParser: Supervisor's defaults, ordering, warnings, and every error as FILE:LINE: [section] key: reason. */
class ConfParserTest {
    private static final Path CONF = Path.of("src/test/resources/conf").toAbsolutePath();
    private static final Map<String, String> ENV = Map.of("HOME", "/root", "TMPDIR", "/tmp");

    private static SupervisordConf parse(String name) throws ConfError {
        return ConfParser.parse(CONF.resolve(name), ENV, "box");
    }

    @Test
    void programDefaultsAreSupervisors() throws ConfError {
        ProcessConfig p = parse("corpus/minimal.conf").groups().get(0).processes().get(0);
        Path file = CONF.resolve("corpus/minimal.conf");
        ProcessConfig expected = new ProcessConfig("web", "web", "/bin/cat", 999, true, AutoRestart.UNEXPECTED, 1, 3,
                List.of(0), new Signal("TERM", 15), 10, false, false, Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), false,
                new LogConfig(LogTarget.AUTO, 50L << 20, 10, 0, false, false),
                new LogConfig(LogTarget.AUTO, 50L << 20, 10, 0, false, false), "AUTO", file + ":3");
        assertEquals(expected, p);
    }

    @Test
    void daemonAndServerDefaultsAreSupervisors() throws ConfError {
        SupervisordConf conf = parse("corpus/minimal.conf");
        Path cwd = Path.of("").toAbsolutePath();
        assertEquals(new DaemonConfig(Optional.of(cwd.resolve("supervisord.log")), 50L << 20, 10, LogLevel.INFO,
                cwd.resolve("supervisord.pid"), Path.of("/tmp"), 022, Optional.empty(), Map.of(), "supervisor",
                false, false, 1024, 200, false, Optional.empty(), false), conf.daemon());
        assertEquals(Optional.empty(), conf.unixHttpServer());
        assertEquals(Optional.empty(), conf.inetHttpServer());
        assertEquals(new CtlConfig(Optional.of("http://localhost:9001"), Optional.empty(), Optional.empty(),
                "supervisor", Optional.empty()), conf.ctl());
        assertEquals(List.of(), conf.warnings());
    }

    @Test
    void serversAreRead() throws ConfError {
        SupervisordConf conf = parse("servers.conf");
        assertEquals(Optional.of(new UnixHttpServerConfig(CONF.resolve("sup.sock"), 0766, Optional.of("root:root"),
                Optional.of("u"), Optional.of("p"))), conf.unixHttpServer());
        assertEquals(Optional.of(new InetHttpServerConfig("", 9001, Optional.empty(), Optional.empty())),
                conf.inetHttpServer());
        assertEquals("unix://" + CONF.resolve("sup.sock"), conf.ctl().serverurl().orElseThrow());
        assertEquals("ctl> ", conf.ctl().prompt() + " ");
    }

    @Test
    void groupsSortByPriorityThenNameAndGroupMembersLeaveTheirOwnGroup() throws ConfError {
        SupervisordConf conf = parse("corpus/groups.conf");
        assertEquals(List.of("empty", "lonely", "zzz", "apps"),
                conf.groups().stream().map(GroupConfig::name).toList());
        assertEquals(List.of("api", "web"),
                conf.group("apps").orElseThrow().processes().stream().map(ProcessConfig::name).toList());
        assertEquals("/bin/cat --group=apps --prog=web",
                conf.group("apps").orElseThrow().processes().get(1).command());
    }

    @Test
    void numprocsExpandsProcessNumInEveryInstance() throws ConfError {
        GroupConfig g = parse("corpus/numprocs.conf").group("worker").orElseThrow();
        assertEquals(List.of("worker_08", "worker_09", "worker_10"),
                g.processes().stream().map(ProcessConfig::name).toList());
        assertEquals(Map.of("SLOT", "010", "TOTAL", "3"), g.processes().get(2).environment());
        assertEquals("/bin/sleep 103", g.processes().get(2).command());
    }

    @Test
    void warningsNameFileAndLine() throws ConfError {
        Path f = CONF.resolve("warn/warnings.conf");
        assertEquals(List.of(
                f + ":3: No file matches via include \"" + CONF.resolve("warn") + "/nothing/*.conf\"",
                f + ":12: For [program:web], stdout_logfile=syslog but this is deprecated and will be removed.  "
                        + "Use stdout_syslog=true to enable syslog instead.",
                f + ":13: For [program:web], AUTO logging used for stderr_logfile without rollover, set maxbytes > 0 "
                        + "to avoid filling up filesystem unintentionally"),
                parse("warn/warnings.conf").warnings());
    }

    @Test
    void listenerPoolsAndFcgiProgramsAreGroupsOfTheirKind() throws ConfError {
        SupervisordConf conf = parse("corpus/listeners.conf");
        GroupConfig crash = conf.group("crashmail").orElseThrow();
        assertEquals(-1, crash.priority());
        assertEquals(999, crash.processes().get(0).priority());
        assertEquals(new GroupKind.EventListenerPool(50, List.of("PROCESS_STATE_EXITED", "PROCESS_STATE_FATAL"),
                "supervisor.dispatchers:default_handler"), crash.kind());
        GroupConfig pool = conf.group("pool").orElseThrow();
        assertEquals(List.of("pool_1", "pool_2"), pool.processes().stream().map(ProcessConfig::name).toList());
        assertEquals(10, ((GroupKind.EventListenerPool) pool.kind()).bufferSize());
        FcgiSocket php = ((GroupKind.FastCgi) conf.group("php").orElseThrow().kind()).socket();
        assertEquals("tcp://localhost:9000", php.url());
        assertEquals(java.util.OptionalInt.of(128), php.backlog());
        assertFalse(php.isUnix());
        FcgiSocket unix = ((GroupKind.FastCgi) conf.group("unixy").orElseThrow().kind()).socket();
        assertEquals("unix:///tmp/unixy.sock", unix.url());
        assertEquals(java.util.OptionalInt.of(0660), unix.mode());
        FcgiSocket nobody = ((GroupKind.FastCgi) conf.group("asnobody").orElseThrow().kind()).socket();
        assertEquals(Optional.of(new FcgiSocket.Owner(65534, 65534)), nobody.owner(), "owned by user= by default");
        assertEquals(java.util.OptionalInt.of(0700), nobody.mode(), "0700 by default");
        assertEquals(GroupKind.PROGRAMS, conf.group("mixed").orElseThrow().kind(), "an fcgi member of a group is plain");
        assertTrue(conf.group("member").isEmpty());
    }

    @Test
    void foreignRpcInterfacesAndCtlPluginsAreWarnedAboutWithFileAndLine() throws ConfError {
        Path f = CONF.resolve("corpus/plugins.conf");
        assertEquals(List.of(
                f + ":7: [rpcinterface:system2] supervisor.rpcinterface_factory "
                        + "'supervisor.xmlrpc:SystemNamespaceRPCInterface' is not Supervisor's own interface; Steward "
                        + "serves only the supervisor and system namespaces, so this section is ignored and its "
                        + "methods are not available",
                f + ":10: [ctlplugin:mine] is a supervisorctl plugin; steward ctl does not load plugins, so this "
                        + "section is ignored (supervisorctl itself still reads it)"),
                parse("corpus/plugins.conf").warnings());
    }

    @Test
    void pathsAreKeptAsWrittenAndWindowsLineEndsRead() throws ConfError {
        SupervisordConf conf = parse("corpus/aswritten.conf");
        ProcessConfig slash = conf.group("slash").orElseThrow().processes().get(0);
        assertEquals(Optional.of("/opt/app/"), slash.directory());
        assertEquals("/tmp//slash.log", slash.stdout().target().written());
        assertEquals(Path.of("/tmp/slash.log"), slash.stdout().target().path());
        assertEquals(Optional.of("~/"), conf.group("tilde").orElseThrow().processes().get(0).directory());
        ProcessConfig crlf = parse("corpus/crlf.conf").group("g").orElseThrow().processes().get(0);
        assertEquals("/bin/sh -c \"echo hi\"", crlf.command());
        assertEquals(Map.of("A", "x y", "B", "2"), crlf.environment());
        assertEquals(CONF.resolve("corpus/crlf.conf") + ":4", crlf.source());
        assertEquals(7, parse("corpus/lonecr.conf").group("mac").orElseThrow().priority());
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("bad-integer", ":5: [program:web] startsecs: invalid integer 'abc'"),
                Arguments.of("missing-command", ":3: [program:web] program section program:web does not specify a command"),
                Arguments.of("bad-signal", ":4: [program:web] stopsignal: value 'BOGUS' is not a valid signal name"),
                Arguments.of("bad-name", ":3: [program:web] command: Format string '/bin/cat %(nope)s' for "
                        + "'program:web.command' contains names ('nope') which cannot be expanded. Available names: "
                        + "ENV_HOME, ENV_TMPDIR, group_name, here, host_node_name, numprocs, process_num, program_name"),
                Arguments.of("bad-user", ":4: [program:web] user: Invalid user name no-such-user-x"),
                Arguments.of("bad-member", ":3: [group:g] programs: names unknown program or fcgi-program ghost"),
                Arguments.of("no-process-num", ":2: [program:web] process_name: %(process_num) must be present within "
                        + "process_name when numprocs > 1"),
                Arguments.of("stopasgroup", ":5: [program:web] killasgroup: Cannot set stopasgroup=true and killasgroup=false"),
                Arguments.of("bad-bool", ":4: [program:web] autostart: not a valid boolean value: 'maybe'"),
                Arguments.of("bad-size", ":4: [program:web] stdout_logfile_maxbytes: invalid byte size '10TB'"),
                Arguments.of("bad-exitcodes", ":4: [program:web] exitcodes: not a valid list of exit codes: '0,256'"),
                Arguments.of("bad-umask", ":4: [program:web] umask: 999 can not be converted to an octal type"),
                Arguments.of("bad-logdir", ":4: [program:web] stdout_logfile: The directory named as part of the path "
                        + "/no/such/dir/x.log does not exist"),
                Arguments.of("bad-env", ":4: [program:web] environment: Unexpected end of key/value pairs in value 'A=1 B=2'"),
                Arguments.of("bad-program-name", ":2: [program:a b] Invalid name: 'a b' because of character: ' '"),
                Arguments.of("bad-loglevel", ":2: [supervisord] loglevel: bad logging level name 'loud'"),
                Arguments.of("no-supervisord", ": .ini file does not include supervisord section"),
                Arguments.of("include-no-files", ":2: [include] .ini file has [include] section, but no files setting"),
                Arguments.of("bad-port", ":3: [inet_http_server] port: 99999 is above upper bound (65535)"),
                Arguments.of("incomplete-auth", ":4: [unix_http_server] username: Section [unix_http_server] contains "
                        + "incomplete authentication: If a username or a password is specified, both the username and "
                        + "password must be specified"),
                Arguments.of("bom", ":1: file contains no section headers: '\\ufeff[supervisord]' (a UTF-8 byte order "
                        + "mark: supervisord refuses it too; save the file without it)"),
                Arguments.of("not-utf8", ": could not read config file " + CONF.resolve("bad/not-utf8.conf")
                        + ": not valid UTF-8"),
                Arguments.of("rpcinterface-no-factory", ":3: [rpcinterface:supervisor] section [rpcinterface:supervisor] "
                        + "does not specify a supervisor.rpcinterface_factory"),
                Arguments.of("bad-autorestart", ":4: [program:web] autorestart: invalid 'autorestart' value 'sometimes'"),
                Arguments.of("listener-buffer-size", ":5: [eventlistener:ev] buffer_size: [eventlistener:ev] section "
                        + "sets invalid buffer_size (0)"),
                Arguments.of("listener-no-events", ":2: [eventlistener:ev] events: [eventlistener:ev] section requires "
                        + "an \"events\" line"),
                Arguments.of("listener-unknown-event", ":4: [eventlistener:ev] events: Unknown event type TICK_7 in "
                        + "[eventlistener:ev] events"),
                Arguments.of("listener-redirect", ":5: [eventlistener:ev] redirect_stderr: [eventlistener:ev] section "
                        + "sets redirect_stderr=true but this is not allowed because it will interfere with the "
                        + "eventlistener protocol"),
                Arguments.of("listener-result-handler", ":5: [eventlistener:ev] result_handler: nosuchmodule:handler "
                        + "cannot be resolved within [eventlistener:ev] (Steward runs no Python: only "
                        + "supervisor.dispatchers:default_handler)"),
                Arguments.of("fcgi-no-socket", ":2: [fcgi-program:fc] socket: [fcgi-program:fc] section requires a "
                        + "\"socket\" line"),
                Arguments.of("fcgi-bad-socket", ":4: [fcgi-program:fc] socket: Bad socket format udp://localhost:9000 "
                        + "in [fcgi-program:fc] socket"),
                Arguments.of("fcgi-relative", ":4: [fcgi-program:fc] socket: Unix socket path relative.sock is not an "
                        + "absolute path in [fcgi-program:fc] socket"),
                Arguments.of("fcgi-tcp-mode", ":4: [fcgi-program:fc] socket: socket_owner and socket_mode params "
                        + "should only be used with a Unix domain socket in [fcgi-program:fc] socket"),
                Arguments.of("fcgi-backlog", ":5: [fcgi-program:fc] socket_backlog: Invalid socket_backlog value 0"),
                Arguments.of("fcgi-owner", ":5: [fcgi-program:fc] socket_owner: Invalid socket_owner value "
                        + "no-such-user-x"),
                Arguments.of("fcgi-mode", ":5: [fcgi-program:fc] socket_mode: Invalid socket_mode value 999"),
                Arguments.of("fcgi-port", ":4: [fcgi-program:fc] socket: 70000 is above upper bound (65535) in "
                        + "[fcgi-program:fc] socket"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("errors")
    void badConfsGiveLocatedErrors(String name, String suffix) {
        Path file = CONF.resolve("bad/" + name + ".conf");
        ConfError e = assertThrows(ConfError.class, () -> ConfParser.parse(file, ENV, "box"));
        assertEquals(file + suffix, e.getMessage());
    }

    @Test
    void missingFileIsAnError() {
        Path file = CONF.resolve("nope.conf");
        ConfError e = assertThrows(ConfError.class, () -> ConfParser.parse(file, ENV, "box"));
        assertEquals(file + ": could not find config file " + file, e.getMessage());
    }

    /**
     * Issue 24 item 6: a re-read of a file where only a comment line was added above every section
     * finds no group changed (supervisorctl update keeps them running, as supervisord), though
     * each process's FILE:LINE source moved; a changed value still is a change.
     */
    @Test
    void aSectionThatOnlyMovedIsNotChanged(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String sections = "[program:a]\ncommand=/bin/cat\n\n[program:b]\ncommand=/bin/cat\n\n[group:g]\nprograms=b\n\n"
                + "[eventlistener:l]\ncommand=/bin/cat\nevents=PROCESS_STATE\n\n[supervisord]\n";
        Path conf = dir.resolve("supervisord.conf");
        java.nio.file.Files.writeString(conf, sections);
        List<GroupConfig> before = ConfParser.parse(conf, ENV, "box").groups();
        java.nio.file.Files.writeString(conf, "; a comment added above\n\n" + sections);
        List<GroupConfig> moved = ConfParser.parse(conf, ENV, "box").groups();
        assertFalse(before.get(0).processes().get(0).source().equals(moved.get(0).processes().get(0).source()));
        assertEquals(before, moved);
        assertEquals(before.hashCode(), moved.hashCode());
        java.nio.file.Files.writeString(conf, sections.replace("[program:b]\ncommand=/bin/cat", "[program:b]\ncommand=/bin/dog"));
        List<GroupConfig> edited = ConfParser.parse(conf, ENV, "box").groups();
        assertEquals(List.of("l", "a"), before.stream().filter(edited::contains).map(GroupConfig::name).toList());
        assertFalse(before.equals(edited));
    }
}
