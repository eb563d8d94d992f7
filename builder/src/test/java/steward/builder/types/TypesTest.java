package steward.builder.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.builder.manifest.ServiceSpec;
import steward.builder.manifest.ServiceType;
import steward.builder.program.Stack;
import steward.builder.program.StackLayout;
import steward.builder.program.StackProgram;
import steward.builder.step.WritePrograms;

/** The type table and the stacks it names, rendered without running anything. */
class TypesTest {
    @TempDir
    Path tmp;

    @Test
    void everyCodeTypeHasOneEntryAndWorkersAreTheirLanguageWithoutTheStack() {
        for (ServiceType t : ServiceType.values()) {
            if (t.isCode()) {
                assertEquals(t.wireName(), Types.of(t).type());
            }
        }
        for (var pair : List.of(List.of(ServiceType.PYTHON, ServiceType.PYTHON_WORKER), List.of(ServiceType.RUBY, ServiceType.RUBY_WORKER),
                List.of(ServiceType.PHP, ServiceType.PHP_WORKER), List.of(ServiceType.PERL, ServiceType.PERL_WORKER))) {
            TypeEntry web = Types.of(pair.get(0));
            TypeEntry worker = Types.of(pair.get(1));
            assertSame(Stack.NONE, worker.stack());
            assertFalse(web.stack() == Stack.NONE);
            assertEquals(web.dependencies().getClass(), worker.dependencies().getClass());
            assertTrue(web.requirements() && worker.requirements());
        }
        assertFalse(Types.of(ServiceType.JAVA).supported());
        assertSame(Stack.NONE, Types.of(ServiceType.NODEJS).stack());
    }

    @Test
    void pythonStackIsNginxThenUwsgiAndNginxHonoursTheApprootFiles() throws Exception {
        Path approot = tmp.resolve("app");
        Files.createDirectories(approot.resolve("static"));
        Files.writeString(approot.resolve("static/404.html"), "gone");
        ServiceSpec s = spec(ServiceType.PYTHON, Map.of("uwsgi_processes", 3));
        StackLayout l = WritePrograms.layout(tmp.resolve("home"), tmp.resolve("meta"), approot, Map.of("PORT_WWW", "9123"));
        Stack stack = Types.of(ServiceType.PYTHON).stack();
        List<StackProgram> programs = stack.programs(l, s);
        assertEquals(List.of("nginx", "uwsgi"), programs.stream().map(StackProgram::name).toList());
        assertTrue(programs.get(0).inPlace());
        assertEquals("TERM", programs.get(1).stopsignal());
        Map<String, String> files = stack.files(l, s);
        String nginx = files.get("nginx.conf");
        Path current = tmp.resolve("home/current");
        assertTrue(nginx.contains("listen 0.0.0.0:9123 default_server;"), nginx);
        assertTrue(nginx.contains("if (-f " + current.resolve("maintenance") + ") { return 503; }"), nginx);
        assertTrue(nginx.contains("include " + current + "/*nginx.conf;"), nginx);
        assertTrue(nginx.contains("include " + current + "/*uwsgi.conf;"), nginx);
        assertTrue(nginx.contains("uwsgi_pass unix:" + l.socket() + ";"), nginx);
        assertTrue(nginx.contains("error_page 404 @steward_404;"), nginx);
        assertFalse(nginx.contains("error_page 500"), "only the pages the release has: " + nginx);
        String ini = files.get("uwsgi.ini");
        assertTrue(ini.contains("processes = 3\n") && ini.contains("home = " + tmp.resolve("home/env")) && ini.contains("need-app = true"),
                ini);
    }

    @Test
    void theAppServerHasOneNameAndTheSameSocketsInEveryRelease() {
        Path home = tmp.resolve("home");
        StackLayout a = WritePrograms.layout(home, tmp.resolve("meta-a"), tmp, Map.of());
        StackLayout b = WritePrograms.layout(home, tmp.resolve("meta-b"), tmp, Map.of());
        ServiceSpec s = spec(ServiceType.PYTHON, Map.of());
        Stack stack = Types.of(ServiceType.PYTHON).stack();
        assertEquals(stack.programs(a, s).get(1).name(), stack.programs(b, s).get(1).name());
        assertEquals(stack.programs(a, s).get(1).sockets(), stack.programs(b, s).get(1).sockets());
        assertEquals(stack.files(a, s).get("nginx.conf"), stack.files(b, s).get("nginx.conf"),
                "nginx reads the same configuration: a redeploy need not reload it");
        assertTrue(a.socket().startsWith(home.resolve(".steward/stack")), a.socket().toString());
    }

    @Test
    void phpAppliesTheApprootsPhpIniAfterDebiansAndHasNoLocationSlash() throws Exception {
        Path approot = Files.createDirectories(tmp.resolve("www"));
        Files.writeString(approot.resolve("php.ini"), "memory_limit = 77M\n");
        StackLayout l = WritePrograms.layout(tmp.resolve("home"), tmp.resolve("meta"), approot, Map.of());
        Stack stack = Types.of(ServiceType.PHP).stack();
        Map<String, String> files = stack.files(l, spec(ServiceType.PHP, Map.of()));
        assertEquals("memory_limit = 77M\n", files.get("php.d/zz-approot-php.ini"));
        assertFalse(files.get("nginx.conf").contains("location / "), "the approot's nginx.conf may define it");
        StackProgram fpm = stack.programs(l, spec(ServiceType.PHP, Map.of())).get(1);
        assertEquals(":" + l.stackDir().resolve("php.d"), fpm.environment().get("PHP_INI_SCAN_DIR"));
    }

    private static ServiceSpec spec(ServiceType type, Map<String, Object> config) {
        return new ServiceSpec("www", type, ".", config, Map.of(), Map.of(), new steward.builder.manifest.Hooks(null, null, null, null),
                List.of(), false, List.of(), List.of(), 1, 1, List.of());
    }
}
