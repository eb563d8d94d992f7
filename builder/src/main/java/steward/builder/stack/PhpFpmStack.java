package steward.builder.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import steward.builder.manifest.ServiceSpec;
import steward.builder.program.Stack;
import steward.builder.program.StackLayout;
import steward.builder.program.StackProgram;
import steward.builder.program.StackUser;

/**
 * php: nginx → php-fpm over the release's unix socket (reference types §6): document root = the
 * approot, {@code index.php} at {@code /}, {@code .php} URLs (with PATH_INFO) to FastCGI with the
 * approot's {@code *fastcgi.conf} included, static files served by nginx, no {@code location /}
 * so the approot's nginx.conf may define one. The approot's {@code php.ini} is applied after
 * Debian's (copied into the stack's scan directory). Its workers' output reaches Steward's log
 * (catch_workers_output) and they keep the environment. PHP has no WebSocket server.
 * <p>
 * The socket is the agent's ({@code sockets=}), held across restarts and redeploys, and php-fpm takes
 * fd 3 through {@code FPM_SOCKETS=KEY=3}, the variable its own reload (SIGUSR2) hands sockets down
 * with ("using inherited socket fd=3" in its log). php-fpm matches KEY to a pool's {@code listen},
 * and unlinks that path when it exits: so {@code listen} and KEY name {@link #LISTEN_KEY}, a path
 * nothing binds, and the held socket's own path ({@code app.sock}, which nginx connects to) stays
 * for the next php-fpm (verified with Debian's php-fpm 8.2: with {@code listen} = app.sock the file
 * is gone after a stop). SIGQUIT is php-fpm's graceful stop, and with {@code process_control_timeout}
 * the requests in flight get {@link Grace#SECONDS} (without it, 0, they are cut at once).
 */
public final class PhpFpmStack implements Stack {
    public static final String FILE = "php-fpm.conf";
    static final String FPM = "php-fpm8.2";
    /**
     * The name php-fpm knows the handed socket by (see the class comment): no file by that name
     * exists; no longer than {@code app.sock}, as a unix socket path must fit sun_path.
     */
    static final String LISTEN_KEY = "fpm.sock";

    @Override
    public List<StackProgram> programs(StackLayout l, ServiceSpec service) {
        String cmd = fpmBinary() + " --nodaemonize --fpm-config " + l.stackDir().resolve(FILE)
                + (l.worker().filter(StackUser::root).isPresent() ? " --allow-to-run-as-root" : "");
        return List.of(NginxConf.program(l), new StackProgram("php-fpm", cmd, l.current().toString(), "QUIT",
                Grace.STOPWAITSECS, Map.of("PHP_INI_SCAN_DIR", ":" + l.stackDir().resolve("php.d"),
                        "FPM_SOCKETS", l.stackDir().resolve(LISTEN_KEY) + "=3"), false, List.of("php-fpm=unix://" + l.socket())));
    }

    /** Debian names it after the PHP version; the first found on the usual paths, else the 8.2 name. */
    static String fpmBinary() {
        for (String name : List.of("php-fpm8.2", "php-fpm8.3", "php-fpm8.1", "php-fpm")) {
            for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return name;
                }
            }
        }
        return FPM;
    }

    @Override
    public Map<String, String> files(StackLayout l, ServiceSpec service) {
        Map<String, String> files = new LinkedHashMap<>();
        String locations = "index index.php index.html index.htm;\n"
                + "location ~ \"\\.php($|/)\" {\n"
                + "    fastcgi_split_path_info ^(.+?\\.php)(/.*)$;\n"
                + "    try_files $fastcgi_script_name =404;\n"
                + "    fastcgi_pass unix:" + l.socket() + ";\n"
                + "    include /etc/nginx/fastcgi_params;\n"
                + "    fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;\n"
                + "    fastcgi_param PATH_INFO $fastcgi_path_info;\n"
                + "    fastcgi_index index.php;\n"
                + "    include " + l.current() + "/*fastcgi.conf;\n"
                + "}\n";
        files.put(NginxConf.FILE, NginxConf.render(l, l.current(), locations));
        StringBuilder fpm = new StringBuilder("[global]\n")
                .append("pid = ").append(l.stackDir().resolve("php-fpm.pid")).append('\n')
                .append("error_log = /proc/self/fd/2\n")
                .append("log_level = warning\n")
                .append("daemonize = no\n")
                .append("process_control_timeout = ").append(Grace.SECONDS).append("s\n\n")
                .append("[www]\n");
        l.worker().ifPresent(u -> fpm.append("user = ").append(u.name()).append("\ngroup = ").append(u.group()).append('\n'));
        fpm.append("; the socket handed as fd 3 (FPM_SOCKETS); nginx connects to ").append(l.socket()).append('\n')
                .append("listen = ").append(l.stackDir().resolve(LISTEN_KEY)).append('\n')
                .append("pm = dynamic\n")
                .append("pm.max_children = ").append(Config.integer(service, "php_max_children", 4)).append('\n')
                .append("pm.start_servers = 1\n")
                .append("pm.min_spare_servers = 1\n")
                .append("pm.max_spare_servers = 2\n")
                .append("clear_env = no\n")
                .append("catch_workers_output = yes\n")
                .append("decorate_workers_output = no\n");
        files.put(FILE, fpm.toString());
        Path ini = l.approotDir().resolve("php.ini");
        if (Files.isRegularFile(ini)) {
            try {
                files.put("php.d/zz-approot-php.ini", Files.readString(ini, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            files.put("php.d/.keep", "");
        }
        return files;
    }
}
