package steward.builder.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.builder.env.ServiceEnvironment;
import steward.builder.manifest.Hooks;
import steward.builder.manifest.PortProtocol;
import steward.builder.manifest.ProcessSpec;
import steward.builder.manifest.ServiceSpec;
import steward.builder.manifest.ServiceType;

/** A nodejs service's programs get the agent's held sockets: the web port and each http/tcp port. */
class NodeSocketsTest {
    @TempDir
    Path tmp;

    private static ServiceSpec spec(ServiceType type, Map<String, PortProtocol> ports, List<ProcessSpec> processes) {
        return new ServiceSpec("www", type, "app", Map.of(), Map.of("PORT_WWW", "9301"), ports, new Hooks(null, null, null, null),
                processes, false, List.of(), List.of(), 1, 1, List.of());
    }

    @Test
    void theWebPortThenEachHttpOrTcpPortNamedInLowerCase() {
        Map<String, PortProtocol> ports = new LinkedHashMap<>();
        ports.put("www", PortProtocol.HTTP);
        ports.put("Admin", PortProtocol.HTTP);
        ports.put("feed", PortProtocol.TCP);
        ports.put("dns", PortProtocol.UDP);
        ServiceSpec s = spec(ServiceType.NODEJS, ports, List.of());
        assertEquals(List.of("www=tcp://0.0.0.0:9301", "admin=tcp://0.0.0.0:42800", "feed=tcp://0.0.0.0:42801"),
                ServicePrograms.heldSockets(s, ServiceEnvironment.of(s, "p", "localhost")));
        ServiceSpec py = spec(ServiceType.PYTHON, ports, List.of());
        assertEquals(List.of(), ServicePrograms.heldSockets(py, ServiceEnvironment.of(py, "p", "localhost")), "nginx holds python's");
    }

    @Test
    void theApprootsProgramsAndProcessesGetThemUnlessAProgramSetsItsOwn() throws Exception {
        Path approot = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(approot.resolve("supervisord.conf"), """
                [program:node]
                command = node server.js
                directory = /home/dotcloud/current

                [program:own]
                command = node other.js
                sockets = tcp://127.0.0.1:9999
                """);
        ServiceSpec s = spec(ServiceType.NODEJS, Map.of(), List.of(new ProcessSpec("chat", "node chat.js")));
        List<String> sockets = ServicePrograms.heldSockets(s, ServiceEnvironment.of(s, "p", "localhost"));
        String text = ServicePrograms.of(s, List.of(), approot, tmp.resolve("home"), sockets).text();
        assertTrue(text.contains("[program:node]\ncommand = node server.js\ndirectory = " + tmp.resolve("home/current")
                + "\nsockets=www=tcp://0.0.0.0:9301\nstdout_logfile="), text);
        assertTrue(text.contains("[program:own]\ncommand = node other.js\nsockets = tcp://127.0.0.1:9999\nstdout_logfile="), text);
        assertTrue(text.contains("[program:chat]\ncommand=/bin/sh -lc \"exec node chat.js\"\ndirectory=" + tmp.resolve("home/current")
                + "\nsockets=www=tcp://0.0.0.0:9301\n"), text);
    }
}
