package steward.agent.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import steward.compat.json.JsonWriter;

/**
 * Where the agent for a home listens, recorded in {@code HOME/.steward/agent.json} for
 * {@code deploy}, {@code logs} and {@code ctl}: {@code {"home", "socket", "pid", "logDir", "healthPort"}}.
 *
 * @param healthPort the health endpoint's port, 0 when there is none
 */
public record AgentInfo(Path home, Path socket, long pid, Path logDir, int healthPort) {
    public static final String FILE = "agent.json";
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|-?\\d+)");

    public static Path file(Path home) {
        return home.resolve(".steward").resolve(FILE);
    }

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("home", home.toString());
        m.put("socket", socket.toString());
        m.put("pid", pid);
        m.put("logDir", logDir.toString());
        m.put("healthPort", healthPort);
        return JsonWriter.write(m) + "\n";
    }

    /** Writes the record atomically (a temporary file renamed over the old one). */
    public void write() throws IOException {
        Path f = file(home);
        Files.createDirectories(f.getParent());
        Path tmp = f.resolveSibling(FILE + ".tmp");
        Files.writeString(tmp, toJson(), StandardCharsets.UTF_8);
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes the record if it is still this agent's. */
    public void remove() {
        try {
            if (read(home).filter(i -> i.pid == pid).isPresent()) {
                Files.deleteIfExists(file(home));
            }
        } catch (IOException ignored) {
            // a stale record is recognised by its dead pid
        }
    }

    /** The record for {@code home}, if one is there and readable (its agent may be gone). */
    public static Optional<AgentInfo> read(Path home) {
        Path f = file(home.toAbsolutePath().normalize());
        String text;
        try {
            text = Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(text);
        while (m.find()) {
            fields.put(m.group(1), m.group(3) != null ? unescape(m.group(3)) : m.group(2));
        }
        try {
            return Optional.of(new AgentInfo(Path.of(fields.get("home")), Path.of(fields.get("socket")),
                    Long.parseLong(fields.get("pid")), Path.of(fields.get("logDir")),
                    Integer.parseInt(fields.getOrDefault("healthPort", "0"))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** True when the recorded pid is a live process and its socket file exists. */
    public boolean looksAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && Files.exists(socket);
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(n);
            }
        }
        return out.toString();
    }
}
