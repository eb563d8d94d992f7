package steward.builder.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.builder.manifest.Hooks;
import steward.builder.manifest.ServiceSpec;
import steward.builder.manifest.ServiceType;
import steward.builder.program.ServicePrograms;
import steward.builder.program.Stack;
import steward.builder.program.StackLayout;
import steward.builder.program.StackProgram;
import steward.builder.step.WritePrograms;

/**
 * The stacks' programs on sockets the agent holds (nginx the web port, each app server its unix
 * socket), their graceful stop signals, and nginx's WebSocket passing, as rendered.
 */
class HeldSocketsConfTest {
    @TempDir
    Path tmp;

    private StackLayout layout() {
        return WritePrograms.layout(tmp.resolve("home"), tmp.resolve("meta"), tmp.resolve("app"), Map.of("PORT_WWW", "9123"));
    }

    private static ServiceSpec spec(ServiceType type) {
        return new ServiceSpec("www", type, ".", Map.of(), Map.of(), Map.of(), new Hooks(null, null, null, null), List.of(), false,
                List.of(), List.of(), 1, 1, List.of());
    }

    private String rendered(ServiceType type) throws Exception {
        StackLayout l = layout();
        return ServicePrograms.of(spec(type), stack(type).programs(l, spec(type)), tmp.resolve("app"), tmp.resolve("home"), List.of())
                .text();
    }

    private static Stack stack(ServiceType type) {
        return steward.builder.types.Types.of(type).stack();
    }

    @Test
    void nginxInheritsTheHeldWebSocketAtTheAddressItListensOn() throws Exception {
        StackProgram nginx = NginxConf.program(layout());
        assertEquals(List.of("www=tcp://0.0.0.0:9123"), nginx.sockets());
        assertEquals(Map.of("NGINX", "3;"), nginx.environment());
        assertEquals("QUIT", nginx.stopsignal());
        String text = rendered(ServiceType.STATIC);
        assertTrue(text.contains("[program:nginx]\n"), text);
        assertTrue(text.contains("\nsockets=www=tcp://0.0.0.0:9123\nenvironment=NGINX=\"3;\"\n"), text);
        String conf = stack(ServiceType.STATIC).files(layout(), spec(ServiceType.STATIC)).get(NginxConf.FILE);
        assertTrue(conf.contains("listen 0.0.0.0:9123 default_server;"), "the address of the inherited socket: " + conf);
        assertTrue(conf.contains("worker_shutdown_timeout 30s;"), conf);
    }

    @Test
    void everyAppServerTakesItsUnixSocketFromTheAgentAndStopsGracefully() throws Exception {
        StackLayout l = layout();
        Map<ServiceType, List<String>> expected = Map.of(
                ServiceType.PYTHON, List.of("TERM", "uwsgi=unix://" + l.socket(), "http=unix://" + l.socket("app-http.sock")),
                ServiceType.PERL, List.of("TERM", "uwsgi=unix://" + l.socket(), "http=unix://" + l.socket("app-http.sock")),
                ServiceType.RUBY, List.of("TERM", "puma=unix://" + l.socket()),
                ServiceType.PHP, List.of("QUIT", "php-fpm=unix://" + l.socket()));
        for (var e : expected.entrySet()) {
            StackProgram app = stack(e.getKey()).programs(l, spec(e.getKey())).get(1);
            assertEquals(e.getValue().get(0), app.stopsignal(), e.getKey().toString());
            assertEquals(e.getValue().subList(1, e.getValue().size()), app.sockets(), e.getKey().toString());
            assertEquals(35, app.stopwaitsecs(), "longer than the servers' own 30 s for requests in flight");
            assertTrue(rendered(e.getKey()).contains("\nsockets=" + String.join(",", app.sockets()) + "\n"));
        }
    }

    @Test
    void uwsgiTakesFd3AndFd4ByItsOwnNamesAndMakesTermGraceful() {
        String ini = stack(ServiceType.PYTHON).files(layout(), spec(ServiceType.PYTHON)).get(UwsgiStack.FILE);
        for (String line : List.of("unenv = LISTEN_FDS", "unenv = LISTEN_PID", "uwsgi-socket = fd://3", "http-socket = fd://4",
                "hook-master-start = unix_signal:15 gracefully_kill_them_all", "worker-reload-mercy = 30")) {
            assertTrue(ini.contains("\n" + line + "\n"), line + " in " + ini);
        }
        assertFalse(ini.contains("chmod-socket"), "uWSGI binds nothing: " + ini);
    }

    @Test
    void phpFpmTakesFd3UnderAKeyThatIsNotTheSocketsPath() {
        StackLayout l = layout();
        StackProgram fpm = stack(ServiceType.PHP).programs(l, spec(ServiceType.PHP)).get(1);
        Path key = l.stackDir().resolve(PhpFpmStack.LISTEN_KEY);
        assertEquals(key + "=3", fpm.environment().get("FPM_SOCKETS"));
        Map<String, String> files = stack(ServiceType.PHP).files(l, spec(ServiceType.PHP));
        String conf = files.get(PhpFpmStack.FILE);
        assertTrue(conf.contains("\nlisten = " + key + "\n"), conf);
        assertTrue(conf.contains("\nprocess_control_timeout = 30s\n"), "QUIT waits for requests in flight: " + conf);
        assertTrue(files.get(NginxConf.FILE).contains("fastcgi_pass unix:" + l.socket() + ";"), "nginx connects to the held path");
    }

    @Test
    void nginxPassesWebSocketsToPumaAndToUwsgisHttpSocket() {
        StackLayout l = layout();
        String ruby = stack(ServiceType.RUBY).files(l, spec(ServiceType.RUBY)).get(NginxConf.FILE);
        String python = stack(ServiceType.PYTHON).files(l, spec(ServiceType.PYTHON)).get(NginxConf.FILE).replaceAll("(?m)^ +", "");
        for (String conf : List.of(ruby, python)) {
            assertTrue(conf.contains("map $http_upgrade $connection_upgrade { default upgrade; '' close; }"), conf);
            for (String line : List.of("proxy_http_version 1.1;", "proxy_set_header Upgrade $http_upgrade;",
                    "proxy_set_header Connection $connection_upgrade;", "proxy_read_timeout 90s;", "proxy_send_timeout 90s;")) {
                assertTrue(conf.contains(line), line + " in " + conf);
            }
        }
        assertTrue(ruby.contains("proxy_pass http://unix:" + l.socket() + ":;"), ruby);
        assertTrue(python.contains("error_page 418 = @steward_websocket;\nlocation / {\n"
                + "if ($http_upgrade ~* ^websocket$) { return 418; }\n"), python);
        assertTrue(python.contains("uwsgi_pass unix:" + l.socket() + ";"), "plain requests stay on uwsgi: " + python);
        assertTrue(python.contains("location @steward_websocket {\nproxy_pass http://unix:" + l.socket("app-http.sock")
                + ":;\n"), python);
        String php = stack(ServiceType.PHP).files(l, spec(ServiceType.PHP)).get(NginxConf.FILE);
        assertFalse(php.contains("proxy_pass"), "php has no WebSocket server");
    }
}
