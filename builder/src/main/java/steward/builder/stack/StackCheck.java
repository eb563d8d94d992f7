package steward.builder.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import steward.builder.program.StackLayout;
import steward.builder.release.AtomicFiles;
import steward.builder.release.ReleaseStore;

/**
 * Checks a release's generated stack configuration with the servers' own checkers, before
 * anything serving is touched: {@code nginx -t} on the release's nginx.conf with its includes
 * read from the release's own approot (not {@code HOME/current}, which still names the live
 * release), and {@code php-fpm -t} on its php-fpm.conf with its php.ini scan directory (the
 * approot's php.ini). Failures name the user's file and line where the error is in one
 * ({@code approot/nginx.conf:3}, {@code approot/php.ini:4}), the generated file otherwise. A
 * release without those files (nodejs, custom, workers) has nothing to check.
 */
public final class StackCheck {
    private static final Pattern NGINX = Pattern.compile("\\[(?:emerg|alert|crit)\\] [0-9#]+: (.*?)(?: in (/.*):(\\d+))?$");
    private static final Pattern PHP = Pattern.compile("^PHP:\\s+(.*) in (/.*) on line (\\d+)$");
    /** The approot's php.ini as PhpFpmStack copies it into the scan directory. */
    private static final String APPROOT_INI = "zz-approot-php.ini";
    private static final Pattern FPM = Pattern.compile("ERROR: (?:\\[(/.*):(\\d+)\\] )?(.*)$");

    /** One failure: {@code file} as the user knows it (or the generated file's path), {@code line} 0 when unknown. */
    public record Problem(String file, int line, String message) {
        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line : "") + ": " + message;
        }
    }

    private StackCheck() {
    }

    /**
     * @param stackDir where the stack's files were written
     * @param approotDir the approot the files' {@code HOME/current} stands for
     * @param userApproot how the user names that approot (a path in the pushed tree)
     */
    public static List<Problem> check(Path home, Path stackDir, Path approotDir, Path userApproot) throws IOException {
        Function<String, String> name = reported -> {
            Path p = Path.of(reported);
            if (p.startsWith(approotDir)) {
                return userApproot.resolve(approotDir.relativize(p)).toString();
            }
            if (p.equals(stackDir.resolve("php.d").resolve(APPROOT_INI))) {
                return userApproot.resolve("php.ini").toString();
            }
            return reported;
        };
        List<Problem> problems = new ArrayList<>();
        Path nginxConf = stackDir.resolve(NginxConf.FILE);
        if (Files.isRegularFile(nginxConf)) {
            problems.addAll(nginx(home, nginxConf, approotDir, name));
        }
        Path fpmConf = stackDir.resolve(PhpFpmStack.FILE);
        if (Files.isRegularFile(fpmConf)) {
            problems.addAll(phpFpm(stackDir, fpmConf, name));
        }
        return problems;
    }

    private static List<Problem> nginx(Path home, Path conf, Path approotDir, Function<String, String> name) throws IOException {
        Path prefix = Files.createTempDirectory("steward-nginx-check");
        try {
            Files.createDirectories(prefix.resolve("tmp"));
            Path copy = prefix.resolve(NginxConf.FILE);
            String text = Files.readString(conf, StandardCharsets.UTF_8)
                    .replace(StackLayout.frontDir(home).toString(), prefix.toString())
                    .replace(home.resolve("current").toString(), approotDir.toString());
            Files.writeString(copy, text, StandardCharsets.UTF_8);
            Function<String, String> named = f -> f.equals(copy.toString()) ? conf.toString() : name.apply(f);
            CheckRun run = CheckRun.of(prefix, Map.of(), binary("nginx"), "-t", "-q", "-e", "stderr", "-p", prefix + "/", "-c",
                    copy.toString());
            List<Problem> out = new ArrayList<>();
            for (String line : run.lines()) {
                Matcher m = NGINX.matcher(line);
                if (m.find()) {
                    out.add(m.group(2) == null ? new Problem(conf.toString(), 0, m.group(1))
                            : new Problem(named.apply(m.group(2)), Integer.parseInt(m.group(3)), m.group(1)));
                }
            }
            return run.failedWithout(out, conf.toString(), "nginx -t");
        } finally {
            AtomicFiles.deleteTree(prefix);
        }
    }

    private static List<Problem> phpFpm(Path stackDir, Path conf, Function<String, String> name) throws IOException {
        Path scratch = Files.createTempDirectory("steward-fpm-check");
        try {
            CheckRun run = CheckRun.of(scratch, Map.of("PHP_INI_SCAN_DIR", ":" + stackDir.resolve("php.d")),
                    binary(PhpFpmStack.fpmBinary()), "-t", "--allow-to-run-as-root", "--fpm-config", conf.toString());
            List<Problem> out = new ArrayList<>();
            for (String line : run.lines()) {
                Matcher php = PHP.matcher(line);
                Matcher fpm = FPM.matcher(line);
                if (php.find()) {
                    out.add(new Problem(name.apply(php.group(2)), Integer.parseInt(php.group(3)), php.group(1)));
                } else if (fpm.find() && fpm.group(1) != null) {
                    out.add(new Problem(name.apply(fpm.group(1)), Integer.parseInt(fpm.group(2)), fpm.group(3)));
                }
            }
            return run.failedWithout(out, conf.toString(), PhpFpmStack.fpmBinary() + " -t");
        } finally {
            AtomicFiles.deleteTree(scratch);
        }
    }

    /** The binary on the usual system paths (a non-root PATH often lacks sbin), else the bare name. */
    static String binary(String name) {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return dir + "/" + name;
            }
        }
        return name;
    }
}
