package steward.agent.deploy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import steward.compat.api.ProcessInfo;

/**
 * Why a program went FATAL, in the words it left: the last lines of its stderr log (nginx's
 * {@code [emerg] unexpected "}" in …/nginx.conf:1}), else of its stdout log (where
 * {@code redirect_stderr} sends both), else its spawn error (a command that cannot run). Only the
 * log's last 64 KiB are read.
 */
final class FatalCause {
    static final int LINES = 10;
    private static final int TAIL_BYTES = 64 * 1024;

    private FatalCause() {
    }

    /** {@code program X exited too quickly (FATAL)}, then the cause's lines, each indented by two spaces. */
    static List<String> of(String namespec, List<ProcessInfo> programs) {
        List<String> out = new ArrayList<>();
        out.add("program " + namespec + " exited too quickly (FATAL)");
        ProcessInfo p = programs.stream().filter(i -> i.namespec().equals(namespec)).findFirst().orElse(null);
        if (p == null) {
            return out;
        }
        for (String log : List.of(p.stderrLogfile(), p.stdoutLogfile())) {
            List<String> last = log.isEmpty() ? List.of() : lastLines(Path.of(log), LINES);
            if (!last.isEmpty()) {
                out.add("  the last lines of " + log + ":");
                last.forEach(l -> out.add("    " + l));
                return out;
            }
        }
        if (!p.spawnerr().isEmpty()) {
            out.add("  " + p.spawnerr());
        }
        return out;
    }

    static List<String> lastLines(Path file, int n) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(0, f.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(bytes);
            List<String> lines = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n")));
            if (from > 0 && !lines.isEmpty()) {
                lines.remove(0);
            }
            lines.removeIf(String::isBlank);
            return List.copyOf(lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return List.of();
        }
    }
}
