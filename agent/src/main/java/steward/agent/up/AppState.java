package steward.agent.up;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a running {@code steward up} recorded in {@code STATE/up.state} for {@code status},
 * {@code down}, {@code logs} and {@code ctl}: its pid, the app directory, and each agent's label,
 * home and port ({@code 0}: no web port). One line each: {@code pid N}, {@code app DIR},
 * {@code unit LABEL PORT HOME}.
 */
public record AppState(long pid, Path app, List<Entry> units) {
    public static final String FILE = "up.state";

    public record Entry(String label, int port, Path home) {
    }

    public AppState {
        units = List.copyOf(units);
    }

    public static AppState of(long pid, Path app, List<Unit> units) {
        return new AppState(pid, app, units.stream().map(u -> new Entry(u.label(), u.port(), u.home())).toList());
    }

    public void write(Path state) throws IOException {
        StringBuilder b = new StringBuilder("pid " + pid + "\napp " + app + "\n");
        units.forEach(u -> b.append("unit ").append(u.label()).append(' ').append(u.port()).append(' ').append(u.home())
                .append('\n'));
        Files.createDirectories(state);
        Path tmp = state.resolve(FILE + ".tmp");
        Files.writeString(tmp, b, StandardCharsets.UTF_8);
        Files.move(tmp, state.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static Optional<AppState> read(Path state) {
        List<String> lines;
        try {
            lines = Files.readAllLines(state.resolve(FILE), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        long pid = 0;
        Path app = null;
        List<Entry> units = new ArrayList<>();
        for (String l : lines) {
            String[] f = l.split(" ", 4);
            try {
                switch (f[0]) {
                    case "pid" -> pid = Long.parseLong(f[1]);
                    case "app" -> app = Path.of(l.substring(4));
                    case "unit" -> units.add(new Entry(f[1], Integer.parseInt(f[2]), Path.of(f[3])));
                    default -> { }
                }
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        return app == null ? Optional.empty() : Optional.of(new AppState(pid, app, units));
    }

    /** True when the recorded {@code up} process still runs. */
    public boolean alive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    public Optional<Entry> unit(String label) {
        return units.stream().filter(u -> u.label().equals(label)).findFirst();
    }

    public static void remove(Path state, long pid) {
        read(state).filter(s -> s.pid() == pid).ifPresent(s -> {
            try {
                Files.deleteIfExists(state.resolve(FILE));
            } catch (IOException e) {
                // a stale file is recognised by its dead pid
            }
        });
    }
}
