package steward.builder.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestParserTest {
    @TempDir
    Path tree;

    @BeforeEach
    void approots() throws IOException {
        Files.createDirectories(tree.resolve("hellonode"));
        Files.createDirectories(tree.resolve("app/sub"));
    }

    private BuildManifest parse(String yaml) throws Exception {
        Files.writeString(tree.resolve("dotcloud.yml"), yaml);
        return new ManifestParser().parseTree(tree);
    }

    @Test
    void everyKeyIsRead() throws Exception {
        BuildManifest m = parse("""
                www:
                  type: nodejs
                  approot: hellonode/
                  config:
                    node_version: v0.6.x
                    extra: {a: 1}
                  environment:
                    GREETING: hello
                    COUNT: 5
                  ports:
                    www: http
                    logs: tcp
                    stats: udp
                  prebuild: ./pre.sh
                  postbuild: make assets
                  postinstall: ./postinstall.sh
                  processes:
                    app: node app.js
                    worker: node worker.js --fast
                  systempackages: [libxml2, curl]
                  requirements: [express]
                  instances: 2
                  ruby_version: 1.9
                  mystery: 42
                db:
                  type: mysql
                """);
        assertEquals(List.of("www", "db"), m.services().stream().map(ServiceSpec::name).toList());
        ServiceSpec s = m.service("www").orElseThrow();
        assertEquals(ServiceType.NODEJS, s.type());
        assertEquals("hellonode", s.approot());
        assertEquals("v0.6.x", s.nodeVersion().orElseThrow());
        assertEquals(Map.of("a", "1"), s.config().get("extra"));
        assertEquals(Map.of("GREETING", "hello", "COUNT", "5"), s.environment());
        assertEquals(List.of("www", "logs", "stats"), List.copyOf(s.ports().keySet()));
        assertEquals(PortProtocol.UDP, s.ports().get("stats"));
        assertEquals(new Hooks("./pre.sh", "make assets", "./postinstall.sh", null), s.hooks());
        assertEquals(List.of(new ProcessSpec("app", "node app.js"), new ProcessSpec("worker", "node worker.js --fast")), s.processes());
        assertEquals(List.of("libxml2", "curl"), s.systempackages());
        assertEquals(List.of("express"), s.requirements());
        assertEquals(2, s.instances());
        assertEquals(2, s.notes().size());
        assertTrue(s.notes().get(1).contains("dotcloud.yml:24: service 'www', key 'mystery': unknown key ignored"), s.notes().get(1));
        assertEquals(1, s.line());
        assertFalse(m.service("db").orElseThrow().type().isCode());
    }

    /** Issue 15, defect 11: anchors and merge keys, explicit keys winning over merged ones. */
    @Test
    void mergeKeysAndAliasesWork() throws Exception {
        BuildManifest m = parse("""
                www:
                  type: nodejs
                  approot: app
                  environment: &env
                    API: token
                worker: &base
                  type: python-worker
                  environment: *env
                  process: ./run
                worker2:
                  <<: *base
                  process: ./run2
                """);
        ServiceSpec w2 = m.services().get(2);
        assertEquals("worker2", w2.name());
        assertEquals("python-worker", w2.type().wireName());
        assertEquals("./run2", w2.processes().get(0).command());
        assertEquals(java.util.Map.of("API", "token"), w2.environment());
        assertEquals(m.services().get(0).environment(), m.services().get(1).environment());
    }

    @Test
    void defaultsApply() throws Exception {
        ServiceSpec s = parse("w1:\n  type: python-worker\n  process: ./run --x\n").services().get(0);
        assertEquals(".", s.approot());
        assertEquals(Map.of(), s.config());
        assertEquals(Hooks.none(), s.hooks());
        assertEquals(List.of(new ProcessSpec("w1", "./run --x")), s.processes());
        assertEquals(1, s.instances());
        assertFalse(s.type().isHttp());
    }

    @Test
    void postinstallDefaultsToTheFileWhenItExists() throws Exception {
        ServiceSpec s = parse("www:\n  type: nodejs\n  approot: hellonode\n").services().get(0);
        Path approot = tree.resolve("hellonode");
        assertTrue(s.hooks().postinstallFor(approot).isEmpty());
        Files.writeString(approot.resolve("postinstall"), "#!/bin/sh\n");
        assertEquals("./postinstall", s.hooks().postinstallFor(approot).orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing type                 | 'www:\\n  approot: app\\n'                                      | dotcloud.yml:1: service 'www', key 'type': required
            unknown type                 | 'www:\\n  type: nodjs\\n'                                       | dotcloud.yml:2: service 'www', key 'type': unknown type 'nodjs'
            process and processes        | 'www:\\n  type: nodejs\\n  process: a\\n  processes: {b: c}\\n' | dotcloud.yml:4: service 'www', key 'processes': 'process' and 'processes' are mutually exclusive
            processes as a list          | 'www:\\n  type: nodejs\\n  processes:\\n    - node a.js\\n'     | dotcloud.yml:4: service 'www', key 'processes': expected a mapping of program name to command (not a list)
            name too long                | 'abcdefghijklmnopq:\\n  type: nodejs\\n'                        | dotcloud.yml:1: service 'abcdefghijklmnopq': invalid service name
            name with capitals           | 'Www:\\n  type: nodejs\\n'                                      | dotcloud.yml:1: service 'Www': invalid service name
            name with a dash             | 'my-app:\\n  type: nodejs\\n'                                   | dotcloud.yml:1: service 'my-app': invalid service name
            approot with dotdot          | 'www:\\n  type: nodejs\\n  approot: ../elsewhere\\n'            | dotcloud.yml:3: service 'www', key 'approot': '../elsewhere' escapes the tree
            approot dotdot inside        | 'www:\\n  type: nodejs\\n  approot: app/../../x\\n'             | dotcloud.yml:3: service 'www', key 'approot': 'app/../../x' escapes the tree
            approot absolute             | 'www:\\n  type: nodejs\\n  approot: /etc\\n'                    | dotcloud.yml:3: service 'www', key 'approot': '/etc' must be relative
            approot missing              | 'www:\\n  type: nodejs\\n  approot: nothere\\n'                 | dotcloud.yml:3: service 'www', key 'approot': 'nothere' is not a directory
            bad port protocol            | 'www:\\n  type: nodejs\\n  ports:\\n    www: https\\n'          | dotcloud.yml:4: service 'www', key 'ports': port 'www': expected http, tcp or udp, found 'https'
            instances zero               | 'www:\\n  type: nodejs\\n  instances: 0\\n'                     | dotcloud.yml:3: service 'www', key 'instances': expected a whole number >= 1
            bad node_version             | 'www:\\n  type: nodejs\\n  config:\\n    node_version: latest\\n' | dotcloud.yml:4: service 'www', key 'config.node_version': node_version 'latest' is not a version
            config not a mapping         | 'www:\\n  type: nodejs\\n  config: [a]\\n'                      | dotcloud.yml:3: service 'www', key 'config': expected a mapping, found a list
            duplicate service            | 'www:\\n  type: nodejs\\nwww:\\n  type: php\\n'                 | dotcloud.yml:3: key 'www': duplicate key 'www'
            systempackages not a list    | 'www:\\n  type: nodejs\\n  systempackages: curl\\n'            | dotcloud.yml:3: service 'www', key 'systempackages': expected a list
            uwsgi_processes not a number | 'www:\\n  type: python\\n  config:\\n    uwsgi_processes: four\\n' | dotcloud.yml:4: service 'www', key 'config.uwsgi_processes': expected a whole number >= 1, found 'four'
            service not a mapping        | 'www: nodejs\\n'                                                | dotcloud.yml:1: service 'www': expected a mapping, found a value
            empty file                   | ''                                                              | dotcloud.yml: no services defined
            broken yaml                  | 'www:\\n  type: [nodejs\\n'                                     | not valid YAML
            """)
    void errorsNameFileLineServiceAndKey(String label, String yaml, String expected) throws Exception {
        String text = yaml.replace("\\n", "\n");
        ManifestException e = assertThrows(ManifestException.class, () -> parse(text), label);
        assertTrue(e.getMessage().contains(expected), () -> label + ": " + e.getMessage());
        assertTrue(e.getMessage().startsWith(tree.resolve("dotcloud.yml").toString()), e.getMessage());
    }

    @Test
    void approotThroughASymlinkOutOfTheTreeIsRefused() throws Exception {
        Path outside = Files.createTempDirectory("outside");
        Files.createSymbolicLink(tree.resolve("escape"), outside);
        ManifestException e = assertThrows(ManifestException.class,
                () -> parse("www:\n  type: nodejs\n  approot: escape\n"));
        assertTrue(e.getMessage().contains("dotcloud.yml:3: service 'www', key 'approot': 'escape' escapes the tree through a symlink"),
                e.getMessage());
        Files.delete(outside);
    }

    /** Issue 24 item 9: realpath lands inside, but only by leaving the tree and coming back by its name. */
    @Test
    void approotThroughALinkThatLeavesAndComesBackIsRefused() throws Exception {
        Files.createDirectories(tree.resolve("app"));
        Files.createSymbolicLink(tree.resolve("back"), Path.of("..").resolve(tree.getFileName()).resolve("app"));
        ManifestException e = assertThrows(ManifestException.class,
                () -> parse("www:\n  type: nodejs\n  approot: back\n"));
        assertTrue(e.getMessage().contains("'back' escapes the tree through a symlink"), e.getMessage());
    }

    @Test
    void approotThroughASymlinkInsideTheTreeIsFine() throws Exception {
        Files.createSymbolicLink(tree.resolve("alias"), Path.of("app/sub"));
        assertEquals("alias", parse("www:\n  type: nodejs\n  approot: alias\n").services().get(0).approot());
    }

    @Test
    void selectPicksTheOnlyCodeServiceOrListsThem() throws Exception {
        BuildManifest one = parse("www:\n  type: nodejs\ndb:\n  type: redis\n");
        assertEquals("www", one.select(null).name());
        assertEquals("db", one.select("db").name(), "a data service is built when named");
        BuildManifest two = parse("www:\n  type: nodejs\napi:\n  type: python\n");
        ManifestException e = assertThrows(ManifestException.class, () -> two.select(null));
        assertTrue(e.getMessage().contains("several code services (www, api)"), e.getMessage());
        assertEquals("api", two.select("api").name());
        ManifestException none = assertThrows(ManifestException.class, () -> two.select("nope"));
        assertTrue(none.getMessage().contains("service 'nope': no such service; services: www, api"), none.getMessage());
    }
}
