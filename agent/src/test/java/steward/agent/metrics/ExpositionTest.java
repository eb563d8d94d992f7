package steward.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import steward.agent.cron.RunObserver;
import steward.agent.deploy.DeployOutcome;

/** The hand-written text format: escaping, numbers, histograms, and promtool's verdict on them. */
class ExpositionTest {
    @Test
    void samplesEscapeLabelValuesAndPrintNumbersCompactly() {
        String text = new Exposition(64).family("x_total", "counter", "Help with \\ and\nnewline.")
                .sample("x_total", 3, "name", "a\"b\\c\nd", "group", "g")
                .sample("x_total", 0.25).sample("x_total", Double.NaN).sample("x_total", Double.POSITIVE_INFINITY)
                .text();
        assertEquals("# HELP x_total Help with \\\\ and\\nnewline.\n# TYPE x_total counter\n"
                + "x_total{name=\"a\\\"b\\\\c\\nd\",group=\"g\"} 3\nx_total 0.25\nx_total NaN\nx_total +Inf\n", text);
    }

    @Test
    void preparedPiecesWriteTheSameLinesAndAReusedArrayStartsAfresh() {
        byte[] labels = Exposition.labels("name", "wéb", "group", "g\"1");
        Exposition e = new Exposition(16).sample(Exposition.open("x_state"), labels, Exposition.close("state=\"RUNNING\""), 1)
                .sample(Exposition.open("x_cpu"), labels, Exposition.close(null), 0.25);
        String expected = "x_state{name=\"wéb\",group=\"g\\\"1\",state=\"RUNNING\"} 1\nx_cpu{name=\"wéb\",group=\"g\\\"1\"} 0.25\n";
        assertEquals(expected, e.text());
        java.nio.ByteBuffer sent = e.bytes();
        Exposition again = new Exposition(sent.array()).sample("y", 7);
        assertEquals("y 7\n", again.text());
    }

    /** Issue 24 item 14: label values are UTF-8, so a program named with an emoji keeps it and its own series. */
    @Test
    void nonBmpLabelValuesAreUtf8AndDoNotCollide() throws Exception {
        byte[] rocket = Exposition.labels("name", "web\uD83D\uDE80");
        byte[] fire = Exposition.labels("name", "web\uD83D\uDD25");
        assertEquals("name=\"web\uD83D\uDE80\"", new String(rocket, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("name=\"web\uD83D\uDD25\"", new String(fire, java.nio.charset.StandardCharsets.UTF_8));
        String text = new Exposition(16).family("x", "gauge", "Help \uD83D\uDE80 too.")
                .sample("x", 1, "name", "\uD83D\uDE80a\"\uD83D\uDD25").sample(Exposition.open("x"), fire, Exposition.close(null), 2)
                .sample("x", 3, "name", "lone\uD800").text();
        assertEquals("# HELP x Help \uD83D\uDE80 too.\n# TYPE x gauge\nx{name=\"\uD83D\uDE80a\\\"\uD83D\uDD25\"} 1\n"
                + "x{name=\"web\uD83D\uDD25\"} 2\nx{name=\"lone\uFFFD\"} 3\n", text);
        assertEquals("", Promtool.check(text));
    }

    @Test
    void histogramIsCumulativeWithInfSumAndCount() {
        Histogram h = new Histogram(new double[] {0.5, 1, 10});
        h.observe(0.2);
        h.observe(0.7);
        h.observe(30);
        Exposition out = new Exposition(64);
        h.write(out, "d_seconds", "line", "3");
        assertEquals("d_seconds_bucket{line=\"3\",le=\"0.5\"} 1\nd_seconds_bucket{line=\"3\",le=\"1.0\"} 2\n"
                + "d_seconds_bucket{line=\"3\",le=\"10.0\"} 2\nd_seconds_bucket{line=\"3\",le=\"+Inf\"} 3\n"
                + "d_seconds_sum{line=\"3\"} 30.9\nd_seconds_count{line=\"3\"} 3\n", out.text());
    }

    @Test
    void cronAndDeployFamiliesPassPromtool() throws Exception {
        CronMetrics cron = new CronMetrics();
        cron.finished(4, RunObserver.Outcome.SUCCESS, 0.3);
        cron.finished(4, RunObserver.Outcome.FAILURE, 12);
        cron.finished(4, RunObserver.Outcome.SKIPPED, 0);
        cron.finished(7, RunObserver.Outcome.SPAWN_ERROR, 0);
        DeployMetrics deploys = new DeployMetrics();
        deploys.accept(new DeployOutcome(true, "rsync-1", OptionalLong.of(82), 2000));
        deploys.accept(new DeployOutcome(false, "rsync-1", OptionalLong.empty(), 500));
        Exposition out = new Exposition(1024);
        cron.write(out);
        deploys.write(out);
        String text = out.text();
        assertTrue(text.contains("steward_cron_job_runs_total{line=\"4\",outcome=\"skipped\"} 1\n"), text);
        assertTrue(text.contains("steward_cron_job_runs_total{line=\"7\",outcome=\"spawn_error\"} 1\n"), text);
        assertTrue(text.contains("steward_cron_job_duration_seconds_count{line=\"4\"} 2\n"), text);
        assertTrue(text.contains("steward_deploys_total{outcome=\"success\"} 1\n"), text);
        assertTrue(text.contains("steward_deploys_total{outcome=\"failure\"} 1\n"), text);
        assertTrue(text.contains("steward_deploy_last_unavailable_seconds 0.082\n"), text);
        assertEquals("", Promtool.check(text));
    }

    @Test
    void procStatsAgreeWithProcStatus() throws Exception {
        ProcStats self = new ProcStats.Reader(false).of(ProcessHandle.current().pid()).orElseThrow();
        String status = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/status"));
        long rssKb = Long.parseLong(status.replaceAll("(?s).*\nVmRSS:\\s+(\\d+) kB.*", "$1"));
        assertTrue(Math.abs(self.rssBytes() / 1024 - rssKb) < rssKb / 5, self + " vs VmRSS " + rssKb + " kB");
        assertTrue(self.threads() > 1 && self.cpuSeconds() > 0, self.toString());
        assertTrue(new ProcStats.Reader(false).of(Integer.MAX_VALUE).isEmpty());
    }
}
