package steward.agent.up;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An app with a {@code Procfile} and no dotcloud.yml, as foreman and honcho run it: each
 * {@code name: command} line is a process of one {@code custom} service named {@code app}. The
 * tree is copied to {@code STATE/procfile-tree} (times kept, {@code .git} and {@code node_modules}
 * left out) with the dotcloud.yml that says so, and built from there; the app's own directory is
 * never written to.
 */
public final class ProcfileApp {
    public static final String FILE = "Procfile";

    private ProcfileApp() {
    }

    /** The tree to build: DIR itself when it holds dotcloud.yml, else the copy made from its Procfile. */
    public static Path tree(Path app, Path state) throws IOException, BadLine {
        if (Files.isRegularFile(app.resolve("dotcloud.yml")) || !Files.isRegularFile(app.resolve(FILE))) {
            return app;
        }
        Map<String, String> processes = parse(app.resolve(FILE));
        Path tree = state.resolve("procfile-tree");
        copy(app, tree);
        StringBuilder yml = new StringBuilder("# made by steward up from " + app.resolve(FILE) + "\napp:\n  type: custom\n"
                + "  approot: .\n  processes:\n");
        processes.forEach((name, cmd) -> yml.append("    ").append(name).append(": \"")
                .append(inCode(cmd).replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n"));
        Files.writeString(tree.resolve("dotcloud.yml"), yml, StandardCharsets.UTF_8);
        return tree;
    }

    /** As foreman runs it: a shell in the app's code directory ({@code HOME/current}), the command exec'd. */
    static String inCode(String cmd) {
        return "/bin/sh -c 'cd \"$HOME/current\" && exec " + cmd.replace("'", "'\\''") + "'";
    }

    /** A Procfile line that is not {@code name: command}. */
    public static final class BadLine extends Exception {
        BadLine(String message) {
            super(message);
        }
    }

    static Map<String, String> parse(Path file) throws IOException, BadLine {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int colon = l.indexOf(':');
            String name = colon < 0 ? "" : l.substring(0, colon).strip();
            String cmd = colon < 0 ? "" : l.substring(colon + 1).strip();
            if (!name.matches("[A-Za-z0-9_-]+") || cmd.isEmpty()) {
                throw new BadLine(file + ":" + (i + 1) + ": expected 'name: command', found '" + l + "'");
            }
            if (out.put(name, cmd) != null) {
                throw new BadLine(file + ":" + (i + 1) + ": process '" + name + "' is defined twice");
            }
        }
        if (out.isEmpty()) {
            throw new BadLine(file + ": no process (lines are 'name: command')");
        }
        return out;
    }

    private static void copy(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> s = Files.walk(to)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path rel = from.relativize(p);
                if (rel.startsWith(".git") || rel.startsWith("node_modules")) {
                    continue;
                }
                Path t = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }
}
