package steward.agent.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same web requests against supervisord 4.2.5's page and {@code steward supervisord}'s, on the
 * same conf: status codes, the 301's message, the table (states, descriptions, names and every
 * action link), the tail page's title and text must be equal after masking pids, uptimes and times.
 * The HTML around them is each one's own.
 */
class WebPageDifferentialIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> REQUESTS = List.of(
            "/", "/index.html?processname=talker&action=stop", "/index.html?processname=talker&action=stop",
            "/index.html?processname=quick&action=start", "/index.html?processname=nosuch&action=start",
            "/index.html?processname=grp:*&action=stop", "/index.html?action=refresh", "/index.html?action=bogus", "/index.html?processname=talker&action=bogus",
            "/", "/index.html?processname=talker&action=start", "/index.html?processname=talker&action=start",
            "/index.html?processname=talker&action=clearlog",
            "/index.html?processname=grp%3Aga&action=restart", "/index.html?action=stopall", "/",
            "/index.html?action=restartall", "/?message=hello%20world", "/index.html?processname=grp:gb&action=stop",
            "/tail.html?processname=talker&limit=1", "/tail.html", "/tail.html?processname=nosuch",
            "/tail.html?processname=nolog", "/tail.html?processname=grp%3Aga&limit=abc", "/ok.html", "/");

    @TempDir
    Path dir;

    @Test
    void samePageSameActionsSameMessages() throws Exception {
        SupervisorctlDifferentialIT.require("/usr/bin/supervisord");
        List<String> supervisord = run(List.of("/usr/bin/supervisord", "-n", "-c"), dir.resolve("supervisord"));
        List<String> steward = run(List.of(Steward.BIN.toString(), "supervisord", "-n", "-c"), dir.resolve("steward"));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "web-transcript-supervisord.txt"), String.join("\n", supervisord));
        Files.writeString(Path.of("target", "web-transcript-steward.txt"), String.join("\n", steward));
        assertEquals(String.join("\n", supervisord), String.join("\n", steward));
    }

    private static List<String> run(List<String> daemon, Path dir) throws Exception {
        Files.createDirectories(dir);
        int port = Apps.freePort();
        Path conf = dir.resolve("supervisord.conf");
        Files.writeString(conf, "[supervisord]\nlogfile=" + dir.resolve("sd.log") + "\npidfile=" + dir.resolve("sd.pid")
                + "\nchildlogdir=" + dir + "\n\n[inet_http_server]\nport=127.0.0.1:" + port + "\n\n"
                + "[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n"
                + "[program:talker]\ncommand=/bin/sh -c \"echo hello-out; exec sleep 1000\"\nstartsecs=0\n\n"
                + "[program:quick]\ncommand=/bin/sh -c 'exit 3'\nautostart=false\nstartsecs=1\nstartretries=0\n\n"
                + "[program:nolog]\ncommand=sleep 1004\nstartsecs=0\nstdout_logfile=NONE\n\n"
                + "[program:ga]\ncommand=sleep 1001\nstartsecs=0\n\n[program:gb]\ncommand=sleep 1002\nstartsecs=0\n\n"
                + "[group:grp]\nprograms=ga,gb\n");
        List<String> cmd = new ArrayList<>(daemon);
        cmd.add(conf.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("daemon.out").toFile());
        pb.environment().put("STEWARD_NO_BUILD", "1");
        Process p = pb.start();
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "http://127.0.0.1:" + port;
        List<String> transcript = new ArrayList<>();
        try {
            await().atMost(WAIT).ignoreExceptions().until(() -> table(get(http, base + "/").body()).stream()
                    .filter(r -> r.startsWith("statusrunning")).count() == 4);
            for (String r : REQUESTS) {
                HttpResponse<String> resp = get(http, base + r);
                String location = resp.headers().firstValue("Location").orElse("").replace(base, "BASE");
                transcript.add(r + " -> " + resp.statusCode() + " " + mask(location));
                if (resp.statusCode() == 200 && r.contains("tail.html")) {
                    transcript.add("  title: " + first(resp.body(), "<title[^>]*>([^<]*)</title>"));
                    transcript.add("  tail: " + first(resp.body(), "<pre[^>]*>([^<]*)</pre>").replace("\n", "\\n"));
                } else if (resp.statusCode() == 200 && !r.contains("ok.html")) {
                    transcript.add("  message: " + first(resp.body(), "class=\"status_msg\"[^>]*>([^<]*)<"));
                    table(resp.body()).forEach(row -> transcript.add("  " + row));
                } else if (resp.statusCode() == 200) {
                    transcript.add("  " + resp.body());
                }
                await().atMost(WAIT).until(() -> table(get(http, base + "/").body()).stream()
                        .noneMatch(row -> row.matches("\\w+ (starting|stopping|backoff) .*")));
            }
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        return transcript;
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Each row: status class, state, description, name link, then each action (name href target, or -). */
    static List<String> table(String html) {
        List<String> rows = new ArrayList<>();
        int body = html.indexOf("<tbody");
        if (body < 0) {
            return rows;
        }
        for (String tr : html.substring(body, html.indexOf("</tbody>")).split("<tr")) {
            Matcher status = Pattern.compile("<span class=\"(status\\w+)\">(\\w+)</span></td>\\s*<td><span[^>]*>([^<]*)</span>")
                    .matcher(tr);
            if (!status.find()) {
                continue;
            }
            StringBuilder row = new StringBuilder(status.group(1)).append(' ').append(status.group(2)).append(" [")
                    .append(mask(status.group(3))).append("] ")
                    .append(first(tr, "<a href=\"(tail\\.html\\?processname=[^\"]*)\" target=\"_blank\">"));
            String actions = tr.substring(tr.indexOf("class=\"action\""));
            Matcher a = Pattern.compile("<a ([^>]*)>").matcher(actions);
            while (a.find()) {
                String attrs = a.group(1);
                row.append(" | ").append(attrs.contains("class=\"hidden\"") ? "-"
                        : first(attrs, "name=\"([^\"]*)\"") + " " + first(attrs, "href=\"([^\"]*)\"").replace("&amp;", "&")
                                + (attrs.contains("_blank") ? " _blank" : ""));
            }
            rows.add(row.toString());
        }
        return rows;
    }

    private static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1).replace("&amp;", "&") : "";
    }

    private static String mask(String s) {
        return s.replaceAll("pid \\d+, uptime [\\d:]+", "pid #, uptime #")
                .replaceAll("[A-Z][a-z]{2} [A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}", "CTIME")
                .replaceAll("[A-Z][a-z]{2}%20[A-Z][a-z]{2}%20(%20)?\\d+%20\\d\\d%3A\\d\\d%3A\\d\\d%20\\d{4}", "CTIME")
                .replaceAll("[A-Z][a-z]{2} \\d\\d \\d\\d:\\d\\d [AP]M", "STOPTIME");
    }
}
