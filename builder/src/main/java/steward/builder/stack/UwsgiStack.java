package steward.builder.stack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import steward.builder.manifest.ServiceSpec;
import steward.builder.program.Stack;
import steward.builder.program.StackLayout;
import steward.builder.program.StackProgram;

/**
 * python and perl: nginx → uWSGI over the release's unix socket (reference types §2, §8). Python
 * loads {@code wsgi.py}'s {@code application} with the virtualenv {@code HOME/env}; perl loads
 * {@code app.psgi} with {@code HOME/perl5} on PERL5LIB. {@code config:} keys {@code uwsgi_processes}
 * (4), {@code uwsgi_buffer_size}, {@code uwsgi_harakiri}, {@code uwsgi_enable_threads},
 * {@code uwsgi_single_interpreter}, {@code uwsgi_memory_report}; any other uWSGI option through a
 * {@code UWSGI_<OPTION>} variable in {@code environment:} (uWSGI reads those itself). The approot's
 * {@code *uwsgi.conf} (nginx {@code uwsgi_param} lines) is included in the app location.
 * <p>
 * Sockets: the agent holds two unix sockets for uWSGI ({@code sockets=}), handed as fds 3 and 4:
 * {@code app.sock} speaks the uwsgi protocol (nginx's {@code uwsgi_pass}, every plain request) and
 * {@code app-http.sock} speaks HTTP ({@code http-socket}) for WebSockets: nginx's uwsgi module
 * cannot pass an {@code Upgrade}, so a request that asks for one goes to the proxy module instead
 * ({@code error_page 418} to a named location: {@code if} only returns), and the app's uWSGI
 * WebSocket API ({@code uwsgi.websocket_handshake()}) answers it. uWSGI takes the fds with its own
 * {@code fd://N} socket names ("inherited UNIX address … fd 3"); the systemd variables are unset
 * first ({@code unenv}), since with them uWSGI would attach the same fds a second time with the
 * default protocol (an HTTP request read as uwsgi, and epoll "File exists" errors). Verified with
 * Debian's uWSGI 2.0.21.
 * <p>
 * Stop: uWSGI kills its workers at once on SIGINT and reloads on SIGTERM, so SIGTERM is mapped to
 * {@code gracefully_kill_them_all} ({@code hook-master-start}): workers finish the request in
 * flight (a WebSocket is one) within {@link Grace#SECONDS} ({@code worker-reload-mercy}), then exit.
 */
public final class UwsgiStack implements Stack {
    public static final String FILE = "uwsgi.ini";
    /** uWSGI's HTTP socket, beside the release's uwsgi-protocol socket. */
    static final String HTTP_SOCKET = "app-http.sock";
    private final boolean perl;

    private UwsgiStack(boolean perl) {
        this.perl = perl;
    }

    public static UwsgiStack python() {
        return new UwsgiStack(false);
    }

    public static UwsgiStack perl() {
        return new UwsgiStack(true);
    }

    @Override
    public List<StackProgram> programs(StackLayout l, ServiceSpec service) {
        // redirect_stderr: the few lines uWSGI prints before it reads logto (its ini file, the held
        // sockets it takes) join the rest of its log instead of showing as errors
        return List.of(NginxConf.program(l), new StackProgram("uwsgi", "uwsgi --ini " + l.stackDir().resolve(FILE),
                l.current().toString(), "TERM", Grace.STOPWAITSECS, Map.of(), false,
                List.of("uwsgi=unix://" + l.socket(), "http=unix://" + l.socket(HTTP_SOCKET)), java.util.Optional.empty(),
                List.of("redirect_stderr=true")));
    }

    @Override
    public Map<String, String> files(StackLayout l, ServiceSpec service) {
        Map<String, String> files = new LinkedHashMap<>();
        String location = "error_page 418 = @steward_websocket;\n"
                + "location / {\n"
                + "    if ($http_upgrade ~* ^websocket$) { return 418; }\n"
                + "    include /etc/nginx/uwsgi_params;\n"
                + "    uwsgi_param SCRIPT_NAME '';\n"
                + "    uwsgi_pass unix:" + l.socket() + ";\n"
                + "    include " + l.current() + "/*uwsgi.conf;\n"
                + "}\n"
                + "location @steward_websocket {\n"
                + NginxConf.proxyTo(l.socket(HTTP_SOCKET)).indent(4)
                + "}\n"
                + (perl ? "location /static { root " + l.current() + "; }\n" : "");
        files.put(NginxConf.FILE, NginxConf.render(l, l.current(), location));
        files.put(FILE, ini(l, service));
        return files;
    }

    private String ini(StackLayout l, ServiceSpec s) {
        StringBuilder sb = new StringBuilder("[uwsgi]\n");
        sb.append("plugins = ").append(perl ? "psgi" : "python3").append('\n')
                .append("master = true\n")
                .append("processes = ").append(Config.integer(s, "uwsgi_processes", 4)).append('\n')
                .append("# the agent's held sockets: fd 3 = ").append(l.socket()).append(", fd 4 = ")
                .append(l.socket(HTTP_SOCKET)).append('\n')
                .append("unenv = LISTEN_FDS\n")
                .append("unenv = LISTEN_PID\n")
                .append("unenv = LISTEN_FDNAMES\n")
                .append("uwsgi-socket = fd://3\n")
                .append("http-socket = fd://4\n")
                .append("hook-master-start = unix_signal:15 gracefully_kill_them_all\n")
                .append("worker-reload-mercy = ").append(Grace.SECONDS).append('\n')
                .append("chdir = ").append(l.current()).append('\n')
                .append("need-app = true\n")
                .append("# uWSGI's log (its banner, the app's stderr) to its stdout: one log, uwsgi.log as on dotCloud\n")
                .append("logto = /dev/stdout\n")
                .append("strict = true\n")
                .append("buffer-size = ").append(Config.integer(s, "uwsgi_buffer_size", 4096)).append('\n');
        if (!Config.bool(s, "uwsgi_memory_report")) {
            sb.append("disable-logging = true\n");
        } else {
            sb.append("memory-report = true\n");
        }
        if (Config.integer(s, "uwsgi_harakiri", 0) > 0) {
            sb.append("harakiri = ").append(Config.integer(s, "uwsgi_harakiri", 0)).append('\n');
        }
        if (Config.bool(s, "uwsgi_enable_threads")) {
            sb.append("enable-threads = true\n");
        }
        if (Config.bool(s, "uwsgi_single_interpreter")) {
            sb.append("single-interpreter = true\n");
        }
        l.unprivileged().ifPresent(u -> sb.append("uid = ").append(u.name()).append("\ngid = ").append(u.group())
                .append("\nchown-socket = ").append(u.name()).append(':').append(u.group()).append('\n'));
        if (perl) {
            sb.append("psgi = ").append(l.current().resolve("app.psgi")).append('\n');
        } else {
            sb.append("home = ").append(l.home().resolve("env")).append('\n')
                    .append("pythonpath = ").append(l.current()).append('\n')
                    .append("wsgi-file = ").append(l.current().resolve("wsgi.py")).append('\n');
        }
        return sb.toString();
    }
}
