package steward.agent.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code deploy --check}'s cheap PHP check: {@code php -l} on the approot's own {@code .php} files
 * (not {@code vendor/}, which composer installs; at most {@link #MAX_FILES}, about 0.1 s each), a
 * syntax error named {@code FILE:LINE: message}. Nothing when the {@code php} command is missing.
 */
final class PhpLint {
    static final int MAX_FILES = 200;
    private static final Pattern ERROR = Pattern.compile("(?:PHP )?(?:Parse|Fatal) error:\\s+(.*) in (/.*) on line (\\d+)");

    private PhpLint() {
    }

    static List<String> check(Path approot) throws IOException, InterruptedException {
        Path php = Path.of("/usr/bin/php");
        if (!Files.isExecutable(php) || !Files.isDirectory(approot)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(approot)) {
            files = s.filter(p -> !approot.relativize(p).startsWith("vendor") && p.toString().endsWith(".php")
                    && Files.isRegularFile(p)).sorted().limit(MAX_FILES).toList();
        }
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            Process p = new ProcessBuilder(php.toString(), "-n", "-l", f.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                continue;
            }
            Matcher m = ERROR.matcher(out);
            if (p.exitValue() != 0 && m.find()) {
                problems.add(m.group(2) + ":" + m.group(3) + ": " + m.group(1));
            }
        }
        return problems;
    }
}
