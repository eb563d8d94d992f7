package steward.builder;

import steward.builder.base.BuildListener;
import steward.builder.base.BuilderConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.builder.manifest.ManifestException;

class CheckTest {
    @TempDir
    Path tmp;

    @Test
    void seedTreeJsonInFileOrder() throws Exception {
        Path tree = Seed.write(tmp.resolve("ramen"));
        Seed.yml(tree, Seed.YML + "  processes:\n    worker: node \"w.js\"\ncache:\n  type: redis\n");
        Builder builder = new Builder(BuilderConfig.defaults(Path.of("/srv/x")).withLogDir(Path.of("/var/log/steward")),
                BuildListener.NONE);
        String json = builder.check(tree).toJson();
        assertEquals("""
                {
                  "services": [
                    {
                      "name": "www",
                      "type": "nodejs",
                      "approot": "hellonode",
                      "node_version": "v0.6.x",
                      "programs": [
                        {
                          "name": "node",
                          "command": "node server.js",
                          "directory": "/srv/x/current",
                          "kind": "program"
                        },
                        {
                          "name": "worker",
                          "command": "/bin/sh -lc \\"exec node \\\\\\"w.js\\\\\\"\\"",
                          "directory": "/srv/x/current",
                          "kind": "program"
                        }
                      ],
                      "approot_files": [
                        "package.json",
                        "package-lock.json",
                        "npm-shrinkwrap.json",
                        "supervisord.conf",
                        "postinstall",
                        "crontab"
                      ],
                      "exports": [
                        "DOTCLOUD_WWW_HTTP_HOST",
                        "DOTCLOUD_WWW_HTTP_PORT",
                        "DOTCLOUD_WWW_HTTP_URL"
                      ],
                      "unavailable": null
                    },
                    {
                      "name": "cache",
                      "type": "redis",
                      "approot": ".",
                      "node_version": null,
                      "programs": [
                        {
                          "name": "redis",
                          "command": "/usr/bin/redis-server /srv/x/.steward/releases/<release>/stack/redis.conf",
                          "directory": "/srv/x/data",
                          "kind": "program"
                        }
                      ],
                      "approot_files": [],
                      "exports": [
                        "DOTCLOUD_CACHE_REDIS_HOST",
                        "DOTCLOUD_CACHE_REDIS_PORT",
                        "DOTCLOUD_CACHE_REDIS_LOGIN",
                        "DOTCLOUD_CACHE_REDIS_PASSWORD",
                        "DOTCLOUD_CACHE_REDIS_URL"
                      ],
                      "unavailable": null
                    }
                  ]
                }
                """, json);
        assertTrue(Files.notExists(Path.of("/srv/x")), "check builds nothing");
    }

    @Test
    void programWithoutCommandAndDuplicateNamesAreErrors() throws Exception {
        Path tree = Seed.write(tmp.resolve("t"));
        Builder builder = new Builder(BuilderConfig.defaults(tmp.resolve("h")), BuildListener.NONE);
        Files.writeString(tree.resolve("hellonode/supervisord.conf"), "; mine\n[program:node]\ndirectory = /home/dotcloud/current\n");
        ManifestException e = assertThrows(ManifestException.class, () -> builder.check(tree));
        assertTrue(e.getMessage().endsWith("hellonode/supervisord.conf:2: service 'www', key 'program:node': no command"), e.getMessage());

        Files.writeString(tree.resolve("hellonode/supervisord.conf"), Seed.SUPERVISORD);
        Seed.yml(tree, Seed.YML + "  processes:\n    node: node other.js\n");
        e = assertThrows(ManifestException.class, () -> builder.check(tree));
        assertTrue(e.getMessage().contains("program 'node' is defined twice (in supervisord.conf and by process/processes)"), e.getMessage());
    }

    @Test
    void crlfConfIsReadAsSupervisorReadsItAndABomIsRefusedAsItRefusesIt() throws Exception {
        Path tree = Seed.write(tmp.resolve("t"));
        Builder builder = new Builder(BuilderConfig.defaults(Path.of("/srv/x")), BuildListener.NONE);
        Path conf = tree.resolve("hellonode/supervisord.conf");
        Files.writeString(conf, "; windows\r\n[program:node]\r\ncommand = node\r\n  server.js ; app\r\n"
                + "directory = /opt/app/\r\n");
        String text = builder.check(tree).toText();
        assertTrue(text.contains("node: node server.js  [in /opt/app/]"), text);

        Files.writeString(conf, "\uFEFF[program:node]\ncommand = node server.js\n");
        ManifestException e = assertThrows(ManifestException.class, () -> builder.check(tree));
        assertTrue(e.getMessage().contains("hellonode/supervisord.conf:1: service 'www'"), e.getMessage());
        assertTrue(e.getMessage().contains("byte order mark"), e.getMessage());
    }
}
