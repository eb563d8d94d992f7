package steward.builder.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrontDigestTest {
    @TempDir
    Path tmp;

    @Test
    void changesWithTheGeneratedConfOrAnIncludedApprootFileAndNothingElse() throws Exception {
        Path approot = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(approot.resolve("wsgi.py"), "app = 1\n");
        Map<String, String> files = Map.of(NginxConf.FILE, "http { }\n", "uwsgi.ini", "[uwsgi]\n");
        String first = FrontDigest.of(files, approot);
        Files.writeString(approot.resolve("wsgi.py"), "app = 2\n");
        assertEquals(first, FrontDigest.of(Map.of(NginxConf.FILE, "http { }\n", "uwsgi.ini", "[uwsgi]\nx=1\n"), approot),
                "the app's code and the app server's files are not nginx's");
        Files.writeString(approot.resolve("nginx.conf"), "location /a { }\n");
        String withInclude = FrontDigest.of(files, approot);
        assertNotEquals(first, withInclude);
        Files.writeString(approot.resolve("nginx.conf"), "location /b { }\n");
        assertNotEquals(withInclude, FrontDigest.of(files, approot));
        Files.delete(approot.resolve("nginx.conf"));
        Files.writeString(approot.resolve("my-uwsgi.conf"), "uwsgi_param A b;\n");
        assertNotEquals(first, FrontDigest.of(files, approot));
        Files.delete(approot.resolve("my-uwsgi.conf"));
        assertEquals(first, FrontDigest.of(files, approot));
        assertNotEquals(first, FrontDigest.of(Map.of(NginxConf.FILE, "http { gzip on; }\n"), approot));
        assertEquals("", FrontDigest.of(Map.of("Procfile", "web: x\n"), approot), "no nginx, nothing to digest");
    }
}
