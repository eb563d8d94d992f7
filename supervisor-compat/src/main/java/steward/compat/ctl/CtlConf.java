package steward.compat.ctl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The few keys ctl needs from a supervisord.conf: {@code [supervisorctl] serverurl/username/password/
 * prompt/history_file}
 * and {@code [unix_http_server] file}. Not a configuration parser (that is config.ConfParser).
 */
record CtlConf(Optional<String> serverurl, Optional<String> username, Optional<String> password, String prompt,
        Optional<Path> historyFile) {
    /** Where supervisorctl looks when -c is not given (relative ones from the working directory). */
    static final List<String> SEARCH = List.of("supervisord.conf", "etc/supervisord.conf", "/etc/supervisord.conf",
            "/etc/supervisor/supervisord.conf");

    static CtlConf read(Path file) throws IOException {
        Map<String, String> keys = new HashMap<>();
        String section = "";
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.contains("]")) {
                section = line.substring(1, line.indexOf(']')).trim().toLowerCase(Locale.ROOT);
                continue;
            }
            int eq = indexOfSeparator(line);
            if (eq > 0 && !Character.isWhitespace(raw.charAt(0))) {
                String value = line.substring(eq + 1).replaceAll("\\s[;#].*$", "").strip();
                value = value.replace("%(here)s", file.toAbsolutePath().getParent().toString()).replace("%%", "%");
                keys.put(section + "." + line.substring(0, eq).strip().toLowerCase(Locale.ROOT), value);
            }
        }
        Optional<String> url = Optional.ofNullable(keys.get("supervisorctl.serverurl"));
        if (url.isEmpty() && keys.containsKey("unix_http_server.file")) {
            url = Optional.of("unix://" + Path.of(keys.get("unix_http_server.file")).toAbsolutePath());
        }
        Optional<Path> history = Optional.ofNullable(keys.get("supervisorctl.history_file")).filter(h -> !h.isEmpty())
                .map(h -> Path.of(h.startsWith("~/") ? System.getProperty("user.home") + h.substring(1) : h)
                        .toAbsolutePath().normalize());
        return new CtlConf(url, Optional.ofNullable(keys.get("supervisorctl.username")),
                Optional.ofNullable(keys.get("supervisorctl.password")),
                keys.getOrDefault("supervisorctl.prompt", "supervisor"), history);
    }

    private static int indexOfSeparator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }
}
