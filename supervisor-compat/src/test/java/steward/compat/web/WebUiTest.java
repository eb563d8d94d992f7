package steward.compat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import steward.compat.api.ProcessState;
import steward.compat.rpc.RpcDispatcher;
import steward.compat.testing.FakeControl;

/** The page's rules that the browser and differential ITs do not pin down one by one. */
class WebUiTest {
    private final FakeControl control = new FakeControl();
    private final WebUi web = new WebUi(control, RpcDispatcher.create(control, List.of()),
            Clock.fixed(Instant.parse("2026-11-01T08:05:09Z"), ZoneOffset.UTC));

    private WebResponse get(String target, Map<String, String> headers) throws Exception {
        int q = target.indexOf('?');
        return web.handle(q < 0 ? target : target.substring(0, q), target, headers, new byte[0]).get(10, TimeUnit.SECONDS);
    }

    private static String body(WebResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void pathsAreSupervisorsAndTheScriptsOwn() {
        for (String p : List.of("/", "//", "/index.html", "/tail.html", "/ok.html", "/status.json", "/action.json")) {
            assertTrue(WebUi.serves(p), p);
        }
        for (String p : List.of("/RPC2", "/index.htm", "/stylesheets/supervisor.css", "/logtail/x")) {
            assertFalse(WebUi.serves(p), p);
        }
    }

    @Test
    void formsAndQuotingFollowPython() {
        Form f = Form.of("/index.html?processname=g%3Ax&processname=second&blank=&plus=a+b&pct=%E2%9C%93&bad=%zz", new byte[0]);
        assertEquals("g:x", f.get("processname").orElseThrow());
        assertFalse(f.has("blank"));
        assertEquals("a b", f.get("plus").orElseThrow());
        assertEquals("\u2713", f.get("pct").orElseThrow());
        assertEquals("%zz", f.get("bad").orElseThrow());
        assertEquals("later", Form.of("/?a=first", "a=x&a=later".getBytes(StandardCharsets.UTF_8)).get("a").orElseThrow());
        assertEquals("grp%3A%2A/a%20b~_.-%E2%9C%93", Form.quote("grp:*/a b~_.-\u2713"));
    }

    @Test
    void refreshMessageCarriesCtimeAndActionsRedirectToTheHost() throws Exception {
        WebResponse r = get("/index.html?action=refresh", Map.of("host", "example:9001"));
        assertEquals(301, r.status());
        assertEquals(List.of("Location: http://example:9001/?message=Page%20refreshed%20at%20Sun%20Nov%20%201%2008%3A05%3A09%202026"),
                r.headers());
        assertEquals("Location: /?message=No%20such%20process%20named%20x",
                get("/index.html?processname=x&action=stop", Map.of()).headers().get(0));
    }

    @Test
    void waitingStopRepliesWhenTheProcessHasStopped() throws Exception {
        FakeControl.Proc p = control.add("web", "web", 999);
        control.run(p);
        control.instant = false;
        CompletableFuture<WebResponse> f = web.handle("/action.json", "/action.json?processname=web&action=stop", Map.of(),
                new byte[0]);
        assertFalse(f.isDone());
        control.finishStop(p);
        assertEquals("{\"message\":\"Process web stopped\"}", body(f.get(10, TimeUnit.SECONDS)));
    }

    @Test
    void textIsEscapedAndStatusJsonAnswers304WhenUnchanged() throws Exception {
        FakeControl.Proc p = control.add("web", "web", 999);
        p.state = ProcessState.FATAL;
        p.start = 1;
        p.spawnerr = "<script>alert(1)</script>";
        String page = body(get("/", Map.of()));
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.contains("<script>alert"), page);
        WebResponse first = get("/status.json", Map.of());
        String etag = first.headers().get(0).substring("ETag: ".length());
        assertTrue(body(first).contains("\"state\":\"fatal\",\"class\":\"statuserror\""), body(first));
        assertTrue(body(first).contains("\"kind\":\"stopped\""), body(first));
        assertEquals(304, get("/status.json", Map.of("if-none-match", etag)).status());
        control.run(p);
        assertEquals(200, get("/status.json", Map.of("if-none-match", etag)).status());
    }

    @Test
    void tailReadsAtLeast1024BytesOfTheChosenChannel() throws Exception {
        FakeControl.Proc p = control.add("web", "web", 999);
        p.stdout = "";
        WebResponse none = get("/tail.html?processname=web&limit=5", Map.of());
        assertTrue(body(none).contains("No file for web"), body(none));
        assertTrue(body(none).contains("href=\"tail.html?processname=web&amp;limit=1024\""), body(none));
        assertTrue(body(get("/tail.html?processname=web&limit=99999999999", Map.of()))
                .contains("tail.html?processname=web&amp;limit=1024"));
    }

    @Test
    void followReadsWhatTheLogGainedSinceTheOffset(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        FakeControl.Proc p = control.add("web", "web", 999);
        java.nio.file.Path log = java.nio.file.Files.writeString(dir.resolve("web.log"), "first\n");
        p.stdout = log.toString();
        String page = body(get("/tail.html?processname=web", Map.of()));
        assertTrue(page.contains("<pre id=\"tailbody\" data-offset=\"6\" data-name=\"web\">first\n</pre>"), page);
        java.nio.file.Files.writeString(log, "second\n", java.nio.file.StandardOpenOption.APPEND);
        assertEquals("{\"text\":\"second\\n\",\"offset\":13,\"overflow\":false}",
                body(get("/tail.json?processname=web&offset=6", Map.of())));
        assertEquals(400, get("/tail.json?processname=web&offset=-1", Map.of()).status());
        assertTrue(body(get("/tail.json?processname=nosuch&offset=0", Map.of())).contains("BAD_NAME"));
    }

    @Test
    void unknownActionsFailAsSupervisorsDo() {
        control.add("web", "web", 999);
        assertTrue(web.handle("/", "/?action=bogus", Map.of(), new byte[0]).isCompletedExceptionally());
        assertTrue(web.handle("/", "/?processname=web&action=bogus", Map.of(), new byte[0]).isCompletedExceptionally());
    }
}
