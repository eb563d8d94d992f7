package steward.builder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The seed app ("ramen-on-dotcloud"): a nodejs www service with approot hellonode, written by tests. */
final class Seed {
    static final String YML = "www:\n  type: nodejs\n  approot: hellonode\n  config:\n    node_version: v0.6.x\n";
    static final String SUPERVISORD = "[program:node]\ncommand = node server.js\ndirectory = /home/dotcloud/current\n";
    static final String SERVER = "require('http').createServer((q, r) => r.end('hello')).listen(8080);\n";

    private Seed() {
    }

    static Path write(Path tree) throws IOException {
        Files.createDirectories(tree.resolve("hellonode"));
        Files.writeString(tree.resolve("dotcloud.yml"), YML);
        Files.writeString(tree.resolve("hellonode/supervisord.conf"), SUPERVISORD);
        Files.writeString(tree.resolve("hellonode/server.js"), SERVER);
        Files.writeString(tree.resolve("hellonode/package.json"), "{\"name\": \"hellonode\", \"version\": \"1.0.0\"}\n");
        return tree;
    }

    static void yml(Path tree, String yml) throws IOException {
        Files.writeString(tree.resolve("dotcloud.yml"), yml);
    }
}
