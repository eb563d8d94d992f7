package steward.compat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steward's own [program:x] keys: depends_on, ready, ready_timeout, essential, environment_file,
 * sockets, drainsecs.
 * (corpus/container-keys.conf is also parsed by Supervisor 4.2.5 in ConfigReportDifferentialTest,
 * which shows it accepts them.)
 */
class ContainerKeysTest {
    private static final Path CORPUS = Path.of("src/test/resources/conf/corpus").toAbsolutePath();
    private static final Map<String, String> ENV = Map.of("HOME", "/root", "TMPDIR", "/tmp", "PORT", "8081");

    @TempDir
    Path dir;

    private static ProcessConfig process(SupervisordConf conf, String name) {
        return conf.groups().stream().flatMap(g -> g.processes().stream()).filter(p -> p.name().equals(name))
                .findFirst().orElseThrow();
    }

    private SupervisordConf parse(String body) throws IOException, ConfError {
        Path f = dir.resolve("s.conf");
        Files.writeString(f, "[supervisord]\n" + body);
        return ConfParser.parse(f, ENV, "box");
    }

    private ConfError error(String body) throws IOException {
        Path f = dir.resolve("s.conf");
        Files.writeString(f, "[supervisord]\n" + body);
        return assertThrows(ConfError.class, () -> ConfParser.parse(f, ENV, "box"));
    }

    @Test
    void checkJsonShowsTheKeysOfTheProcessesThatSetThem() throws Exception {
        SupervisordConf conf = ConfParser.parse(CORPUS.resolve("container-keys.conf"), ENV, "box");
        List<Map<String, Object>> rows = new ConfigReport(Users.system()).rows(conf);
        Map<String, Object> web = rows.stream().filter(r -> r.get("name").equals("web")).findFirst().orElseThrow();
        assertEquals(List.of("db", "workers"), web.get("depends_on"));
        assertEquals("http://localhost:8080/health", web.get("ready"));
        assertEquals(60, web.get("ready_timeout"));
        assertEquals(false, web.get("essential"));
        assertEquals(List.of(CORPUS.resolve("web.env").toString(), "/etc/steward/common.env"), web.get("environment_file"));
        Map<String, Object> db = rows.stream().filter(r -> r.get("name").equals("db")).findFirst().orElseThrow();
        assertEquals(List.of("tcp:127.0.0.1:5432", 30, true), List.of(db.get("ready"), db.get("ready_timeout"),
                db.get("essential")));
        assertEquals("exec:test -e /tmp", rows.stream().filter(r -> r.get("name").equals("worker_1")).findFirst()
                .orElseThrow().get("ready"));
        SupervisordConf plain = parse("[program:cat]\ncommand=/bin/cat\n");
        assertEquals(false, new ConfigReport(Users.system()).rows(plain).get(0).containsKey("ready"),
                "a conf without Steward's keys reports exactly Supervisor's");
    }

    @Test
    void corpusKeysAreRead() throws Exception {
        SupervisordConf conf = ConfParser.parse(CORPUS.resolve("container-keys.conf"), ENV, "box");
        ContainerOptions db = process(conf, "db").container();
        assertEquals(new ContainerOptions(List.of(), Optional.of(new ReadyCheck.Tcp("127.0.0.1", 5432)), 30, true,
                List.of(), List.of(), ContainerOptions.DEFAULT_DRAIN_SECS), db);
        ContainerOptions web = process(conf, "web").container();
        assertEquals(List.of("db", "workers"), web.dependsOn());
        assertEquals(Optional.of(new ReadyCheck.Http("localhost", 8080, "/health")), web.ready());
        assertEquals(List.of(CORPUS.resolve("web.env"), Path.of("/etc/steward/common.env")), web.environmentFiles());
        assertEquals(ContainerOptions.DEFAULT_READY_TIMEOUT, web.readyTimeoutSecs());
        assertEquals(Optional.of(new ReadyCheck.Exec("test -e /tmp")), process(conf, "worker_1").container().ready());
        assertEquals(List.of("db"), process(conf, "worker_0").container().dependsOn());
        assertEquals(Optional.of(new ReadyCheck.Notify()), process(conf, "notifier").container().ready());
        ContainerOptions api = process(conf, "api").container();
        assertEquals(List.of(new HeldSocket("www", "tcp://0.0.0.0:8080", "0.0.0.0", 8080, Optional.empty()),
                new HeldSocket("tcp-9000", "tcp://127.0.0.1:9000", "127.0.0.1", 9000, Optional.empty()),
                new HeldSocket("unix-api.sock", "unix:///run/app/api.sock", "", 0,
                        Optional.of(Path.of("/run/app/api.sock")))), api.sockets());
        assertEquals(5, api.drainSecs());
        assertEquals(ContainerOptions.DEFAULT_DRAIN_SECS, web.drainSecs());
        assertEquals(List.of(), web.sockets());
    }

    @Test
    void checkJsonShowsSocketsAndDrain() throws Exception {
        SupervisordConf conf = ConfParser.parse(CORPUS.resolve("container-keys.conf"), ENV, "box");
        Map<String, Object> api = new ConfigReport(Users.system()).rows(conf).stream()
                .filter(r -> r.get("name").equals("api")).findFirst().orElseThrow();
        assertEquals(List.of("www=tcp://0.0.0.0:8080", "tcp-9000=tcp://127.0.0.1:9000",
                "unix-api.sock=unix:///run/app/api.sock"), api.get("sockets"));
        assertEquals(5, api.get("drainsecs"));
    }

    @Test
    void badSocketsAreLocated() throws Exception {
        String f = dir.resolve("s.conf").toString();
        assertEquals(f + ":4: [program:a] sockets: expected [NAME=]tcp://HOST:PORT or [NAME=]unix:///PATH, got "
                + "'udp://x:1'", error("[program:a]\ncommand=/bin/cat\nsockets=udp://x:1\n").getMessage());
        assertEquals(f + ":4: [program:a] sockets: invalid port '70000' in 'tcp://*:70000'",
                error("[program:a]\ncommand=/bin/cat\nsockets=tcp://*:70000\n").getMessage());
        assertEquals(f + ":4: [program:a] sockets: host 'example.com' is not an IPv4 address, '*' or localhost in "
                + "'tcp://example.com:80'", error("[program:a]\ncommand=/bin/cat\nsockets=tcp://example.com:80\n")
                .getMessage());
        assertEquals(f + ":4: [program:a] sockets: unix socket path 'run/x.sock' is not absolute in "
                + "'unix://run/x.sock'", error("[program:a]\ncommand=/bin/cat\nsockets=unix://run/x.sock\n")
                .getMessage());
        assertEquals(f + ":4: [program:a] sockets: socket name 'w' is used twice",
                error("[program:a]\ncommand=/bin/cat\nsockets=w=tcp://*:1, w=tcp://*:2\n").getMessage());
        assertEquals(f + ":4: [program:a] sockets: tcp://0.0.0.0:1 is named twice",
                error("[program:a]\ncommand=/bin/cat\nsockets=tcp://*:1, x=tcp://0.0.0.0:1\n").getMessage());
        assertEquals(f + ":4: [program:a] sockets: invalid socket name 'a:b' (letters, digits, '_', '.', '-')",
                error("[program:a]\ncommand=/bin/cat\nsockets=a:b=tcp://*:1\n").getMessage());
        assertEquals(f + ":4: [program:a] sockets: empty entry in 'tcp://*:1,'",
                error("[program:a]\ncommand=/bin/cat\nsockets=tcp://*:1,\n").getMessage());
        assertEquals(f + ":4: [program:a] drainsecs: must be 0 or a positive number of seconds, got -1",
                error("[program:a]\ncommand=/bin/cat\ndrainsecs=-1\n").getMessage());
        assertEquals(f + ":4: [program:a] drainsecs: invalid integer 'soon'",
                error("[program:a]\ncommand=/bin/cat\ndrainsecs=soon\n").getMessage());
    }

    @Test
    void withoutTheKeysNothingChanges() throws Exception {
        assertEquals(ContainerOptions.NONE, process(parse("[program:a]\ncommand=/bin/cat\n"), "a").container());
    }

    @Test
    void valuesAreExpanded() throws Exception {
        ProcessConfig p = process(parse("[program:a]\ncommand=/bin/cat\nready=tcp:localhost:%(ENV_PORT)s\n"
                + "environment_file=%(program_name)s.env\n"), "a");
        assertEquals(Optional.of(new ReadyCheck.Tcp("localhost", 8081)), p.container().ready());
        assertEquals(List.of(dir.resolve("a.env")), p.container().environmentFiles());
    }

    @Test
    void unknownDependencyNamesFileLineAndKey() throws Exception {
        ConfError e = error("[program:a]\ncommand=/bin/cat\ndepends_on=b, ghost\n[program:b]\ncommand=/bin/cat\n");
        assertEquals(dir.resolve("s.conf") + ":4: [program:a] depends_on: names unknown program or group 'ghost'",
                e.getMessage());
    }

    @Test
    void cyclesAreErrors() throws Exception {
        ConfError e = error("[program:a]\ncommand=/bin/cat\ndepends_on=b\n[program:b]\ncommand=/bin/cat\n"
                + "depends_on=c\n[program:c]\ncommand=/bin/cat\ndepends_on=a\n");
        assertEquals(dir.resolve("s.conf") + ":4: [program:a] depends_on: dependency cycle: a -> b -> c -> a",
                e.getMessage());
    }

    @Test
    void dependingOnOwnGroupIsACycle() throws Exception {
        ConfError e = error("[group:g]\nprograms=a,b\n[program:a]\ncommand=/bin/cat\ndepends_on=g\n"
                + "[program:b]\ncommand=/bin/cat\n");
        assertEquals(dir.resolve("s.conf") + ":6: [program:a] depends_on: dependency cycle: a -> a", e.getMessage());
    }

    @Test
    void badValuesAreLocated() throws Exception {
        String f = dir.resolve("s.conf").toString();
        assertEquals(f + ":4: [program:a] ready: expected tcp:HOST:PORT, http://HOST:PORT/PATH, exec:COMMAND or "
                + "notify, got 'udp:x:1'", error("[program:a]\ncommand=/bin/cat\nready=udp:x:1\n").getMessage());
        assertEquals(f + ":4: [program:a] ready: invalid port '99999' in 'tcp:h:99999'",
                error("[program:a]\ncommand=/bin/cat\nready=tcp:h:99999\n").getMessage());
        assertEquals(f + ":4: [program:a] ready_timeout: must be a positive number of seconds, got 0",
                error("[program:a]\ncommand=/bin/cat\nready_timeout=0\n").getMessage());
        assertEquals(f + ":4: [program:a] essential: not a valid boolean value: 'maybe'",
                error("[program:a]\ncommand=/bin/cat\nessential=maybe\n").getMessage());
        assertEquals(f + ":4: [program:a] environment_file: empty path in 'a.env,'",
                error("[program:a]\ncommand=/bin/cat\nenvironment_file=a.env,\n").getMessage());
    }
}
