package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import steward.compat.ctl.Ctl;
import steward.compat.json.JsonWriter;

/**
 * Supervisor's web page served by {@code steward supervisord} on {@code [inet_http_server]} with
 * Basic auth, in Debian's headless Chromium: the buttons act and the table follows without a reload
 * (also for changes made by supervisorctl), group actions, the filter, the stderr tail and its
 * search, and the plain-link path Supervisor's page uses (a 301 to {@code /?message=…}).
 * Leaves a screenshot in target/web-page.png.
 */
class WebPageIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void buttonsActAndTheTableFollowsWithoutReload() throws Exception {
        SupervisorctlDifferentialIT.require(Chromium.BIN);
        int port = Apps.freePort();
        Path conf = dir.resolve("supervisord.conf");
        Files.writeString(conf, "[supervisord]\nlogfile=" + dir.resolve("sd.log") + "\npidfile=" + dir.resolve("sd.pid")
                + "\nchildlogdir=" + dir + "\n\n[inet_http_server]\nport=127.0.0.1:" + port
                + "\nusername=admin\npassword=s3cret\n\n[supervisorctl]\nserverurl=http://127.0.0.1:" + port
                + "\nusername=admin\npassword=s3cret\n\n"
                + "[program:talker]\ncommand=/bin/sh -c \"while true; do echo out-line; echo err-line-a >&2; "
                + "echo err-line-b >&2; sleep 0.2; done\"\nstartsecs=0\n\n"
                + "[program:ga]\ncommand=sleep 1001\nstartsecs=0\n\n[program:gb]\ncommand=sleep 1002\nstartsecs=0\n\n"
                + "[group:grp]\nprograms=ga,gb\n\n"
                + "[program:idle]\ncommand=sleep 1003\nautostart=false\nstartsecs=0\n");
        Path out = Files.createDirectories(dir.resolve("daemon"));
        try (Steward daemon = Steward.start(out, "supervisord", "-n", "-c", conf.toString());
                Chromium browser = Chromium.start(Files.createDirectories(dir.resolve("chromium")))) {
            String base = "http://127.0.0.1:" + port + "/";
            await().atMost(WAIT).until(() -> states(conf).equals(
                    "grp:ga=RUNNING grp:gb=RUNNING idle=STOPPED talker=RUNNING"));
            browser.headers(Map.of("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString("admin:s3cret".getBytes(StandardCharsets.UTF_8))));
            browser.open(base);
            assertEquals("Supervisor Status", browser.text("document.title"));
            assertEquals("grp:ga=running grp:gb=running idle=stopped talker=running", shown(browser));
            browser.eval("window.marker = 'same page'");

            // a process's buttons, answered in place
            click(browser, "tr[data-name=\"talker\"] a[name=\"Stop\"]");
            awaitMessage(browser, "Process talker stopped");
            await().atMost(WAIT).until(() -> shown(browser).contains("talker=stopped"));
            assertEquals("STOPPED", state(conf, "talker"));
            click(browser, "tr[data-name=\"talker\"] a[name=\"Start\"]");
            awaitMessage(browser, "Process talker started");
            await().atMost(WAIT).until(() -> shown(browser).contains("talker=running"));
            click(browser, "tr[data-name=\"idle\"] a[name=\"Start\"]");
            awaitMessage(browser, "Process idle started");

            // a change made elsewhere shows up by itself
            ctl(conf, "stop", "idle");
            await().atMost(WAIT).until(() -> shown(browser).contains("idle=stopped"));

            // group actions
            click(browser, "tr.grouprow[data-group=\"grp\"] a[name=\"Stop group\"]");
            awaitMessage(browser, "Group grp stopped");
            await().atMost(WAIT).until(() -> shown(browser).equals(
                    "grp:ga=stopped grp:gb=stopped idle=stopped talker=running"));
            assertEquals("STOPPED", state(conf, "grp:gb"));
            click(browser, "tr.grouprow[data-group=\"grp\"] a[name=\"Start group\"]");
            awaitMessage(browser, "Group grp started");
            await().atMost(WAIT).until(() -> shown(browser).contains("grp:ga=running grp:gb=running"));

            // Stop All, Restart All, Refresh
            click(browser, "#buttons a[href=\"index.html?action=stopall\"]");
            await().atMost(WAIT).until(() -> message(browser).startsWith("All stopped at "));
            await().atMost(WAIT).until(() -> shown(browser).equals(
                    "grp:ga=stopped grp:gb=stopped idle=stopped talker=stopped"));
            click(browser, "#buttons a[href=\"index.html?action=restartall\"]");
            await().atMost(WAIT).until(() -> message(browser).startsWith("All restarted at "));
            await().atMost(WAIT).until(() -> shown(browser).equals(
                    "grp:ga=running grp:gb=running idle=running talker=running"));
            assertEquals("same page", browser.text("window.marker"), "the page was never reloaded");

            // the filter
            browser.eval("(() => { const f = document.getElementById('filter'); f.value = 'grp';"
                    + " f.dispatchEvent(new Event('input')); })()");
            assertEquals("grp:ga grp:gb", browser.text("[...document.querySelectorAll('tr[data-name]')]"
                    + ".filter(t => t.style.display !== 'none').map(t => t.dataset.name).join(' ')"));
            browser.eval("(() => { const f = document.getElementById('filter'); f.value = '';"
                    + " f.dispatchEvent(new Event('input')); })()");
            browser.screenshot(Files.createDirectories(Path.of("target")).resolve("web-page.png"));

            // the stderr tail and a search in it
            browser.open(base + "tail.html?processname=talker&limit=2048&channel=stderr");
            assertEquals("Supervisor tail of process talker", browser.text("document.title"));
            String tail = browser.text("document.getElementById('tailbody').textContent");
            assertTrue(tail.contains("err-line-a\nerr-line-b\n") && !tail.contains("out-line"), tail);
            browser.eval("(() => { const s = document.getElementById('search'); s.value = 'LINE-B';"
                    + " s.dispatchEvent(new Event('input')); })()");
            long marks = ((Double) browser.eval("document.querySelectorAll('#tailbody mark').length")).longValue();
            assertTrue(marks > 0);
            assertEquals(marks + " matches", browser.text("document.getElementById('count').textContent"));
            browser.eval("document.getElementById('only').click()");
            assertTrue(browser.text("document.getElementById('tailbody').textContent").lines()
                    .allMatch(l -> l.equals("err-line-b")));
            long before = marks;
            browser.eval("document.getElementById('follow').click()");
            await().atMost(WAIT).until(() -> ((Double) browser.eval(
                    "document.querySelectorAll('#tailbody mark').length")).longValue() >= before + 5);
            assertTrue(browser.text("document.getElementById('tailbody').textContent").lines()
                    .allMatch(l -> l.equals("err-line-b")), "followed lines are searched too");
            browser.screenshot(Path.of("target", "web-tail.png"));

            // Supervisor's own path: a plain link, a 301 to /?message=…, the message on the page
            browser.open(base + "index.html?processname=grp%3Aga&action=stop");
            await().atMost(WAIT).until(() -> browser.text("location.href").equals(
                    base + "?message=Process%20grp%3Aga%20stopped"));
            await().atMost(WAIT).until(() -> message(browser).equals("Process grp:ga stopped"));
            assertEquals("STOPPED", state(conf, "grp:ga"));
            assertTrue(shown(browser).contains("grp:ga=stopped"));
        }
    }

    private static void click(Chromium browser, String selector) throws Exception {
        String js = "(() => { const a = document.querySelector(" + JsonWriter.quote(selector) + ");"
                + " if (!a) { return 'missing'; } a.click(); return 'ok'; })()";
        await().atMost(WAIT).until(() -> "ok".equals(browser.text(js)));
    }

    private static String message(Chromium browser) throws Exception {
        return browser.text("document.getElementById('statusmessage').textContent");
    }

    private static void awaitMessage(Chromium browser, String expected) {
        await().atMost(WAIT).until(() -> message(browser).equals(expected));
    }

    /** "name=state …" as the page shows it. */
    private static String shown(Chromium browser) throws Exception {
        return browser.text("[...document.querySelectorAll('tr[data-name]')].map(t => t.dataset.name + '='"
                + " + t.querySelector('td.status span').textContent).join(' ')");
    }

    private static String states(Path conf) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Ctl.run(List.of("-c", conf.toString(), "status"), ps, ps);
        return String.join(" ", bytes.toString(StandardCharsets.UTF_8).lines().map(l -> l.trim().split("\\s+"))
                .filter(r -> r.length >= 2).map(r -> r[0] + "=" + r[1]).toList());
    }

    private static String state(Path conf, String name) {
        for (String s : states(conf).split(" ")) {
            if (s.startsWith(name + "=")) {
                return s.substring(name.length() + 1);
            }
        }
        return "";
    }

    private static void ctl(Path conf, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<String> all = new java.util.ArrayList<>(List.of("-c", conf.toString()));
        all.addAll(List.of(args));
        assertEquals(0, Ctl.run(all, ps, ps), bytes.toString(StandardCharsets.UTF_8));
    }
}
