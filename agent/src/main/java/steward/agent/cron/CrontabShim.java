package steward.agent.cron;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The {@code crontab} command, as cronie's for one user: {@code crontab FILE} and {@code crontab -}
 * install (refusing a file with bad lines, as cronie does), {@code crontab -l} lists,
 * {@code crontab -r} removes. The crontab lives at {@code $STEWARD_CRONTAB}, else
 * {@code $HOME/.steward/crontab}; the agent watches that file, so a change applies within a second.
 */
public final class CrontabShim {
    private final Path target;
    private final PrintStream out;
    private final PrintStream err;

    public CrontabShim(Path target, PrintStream out, PrintStream err) {
        this.target = target;
        this.out = out;
        this.err = err;
    }

    /** Where the crontab lives for this environment. */
    public static Path location(Map<String, String> env) {
        String explicit = env.get("STEWARD_CRONTAB");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".steward", "crontab");
    }

    /** Runs {@code crontab ARGS}; returns the exit status (0, or 1 as cronie). */
    public int run(List<String> args, InputStream stdin) {
        try {
            if (args.size() == 1 && args.get(0).equals("-l")) {
                return list();
            }
            if (args.size() == 1 && args.get(0).equals("-r")) {
                return remove();
            }
            if (args.size() == 1 && !args.get(0).startsWith("-") || args.size() == 1 && args.get(0).equals("-")) {
                String name = args.get(0);
                String text = name.equals("-") ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                        : Files.readString(Path.of(name), StandardCharsets.UTF_8);
                return install(name.equals("-") ? "-" : name, text);
            }
            if (args.size() == 1 && args.get(0).equals("-e")) {
                err.println("crontab: -e is not supported here; edit a file and run: crontab FILE");
                return 1;
            }
            err.println("usage: crontab FILE | crontab - | crontab -l | crontab -r");
            return 1;
        } catch (NoSuchFileException e) {
            err.println("crontab: " + e.getFile() + ": No such file or directory");
            return 1;
        } catch (IOException e) {
            err.println("crontab: " + e.getMessage());
            return 1;
        }
    }

    private int install(String source, String text) throws IOException {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            err.println("crontab: " + source + ": premature EOF (no newline after the last line)");
            return 1;
        }
        Crontab tab = CrontabParser.parse(source, text);
        if (!tab.errors().isEmpty()) {
            tab.errors().forEach(e -> err.println("crontab: " + e));
            err.println("crontab: errors in crontab file, can't install.");
            return 1;
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".new");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return 0;
    }

    private int list() throws IOException {
        if (!Files.exists(target)) {
            err.println("no crontab for " + System.getProperty("user.name"));
            return 1;
        }
        out.print(Files.readString(target, StandardCharsets.UTF_8));
        out.flush();
        return 0;
    }

    private int remove() throws IOException {
        if (!Files.deleteIfExists(target)) {
            err.println("no crontab for " + System.getProperty("user.name"));
            return 1;
        }
        return 0;
    }
}
