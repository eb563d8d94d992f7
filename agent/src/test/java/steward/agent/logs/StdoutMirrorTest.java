package steward.agent.logs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** --log-stdout: records in both formats, line splitting, and a stuck stdout that never blocks the producer. */
class StdoutMirrorTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T18:00:00.123Z"), ZoneOffset.UTC);

    /** An stdout that blocks every write until released, then keeps everything. */
    static final class StuckStdout extends OutputStream {
        final CountDownLatch release = new CountDownLatch(1);
        final ByteArrayOutputStream got = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (got) {
                got.write(b, off, len);
            }
        }

        String text() {
            synchronized (got) {
                return got.toString(StandardCharsets.UTF_8);
            }
        }
    }

    /** A sink that keeps the bytes it gets. */
    static final class Kept implements LogSink {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(ByteBuffer data) {
            while (data.hasRemaining()) {
                bytes.write(data.get());
            }
        }

        @Override
        public void reopen() {
        }

        @Override
        public void clear() {
        }

        @Override
        public Optional<Path> file() {
            return Optional.empty();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void formats() {
        assertEquals("web | hello\n", LogRecordFormat.TEXT.format(CLOCK.instant(), "web", "stdout", "hello"));
        assertEquals("web_error | oops\n", LogRecordFormat.TEXT.format(CLOCK.instant(), "web", "stderr", "oops"));
        assertEquals("{\"ts\":\"2026-11-29T18:00:00.123Z\",\"source\":\"web\",\"stream\":\"stderr\",\"line\":\"a \\\"q\\\"\"}\n",
                LogRecordFormat.JSON.format(CLOCK.instant(), "web", "stderr", "a \"q\""));
        assertEquals(List.of("web", "stderr"), List.of(LogRecordFormat.sourceAndStream("web_error")));
        assertEquals(List.of("cron", "stdout"), List.of(LogRecordFormat.sourceAndStream("cron")));
    }

    @Test
    void sinkSplitsLinesAcrossWritesAndPassesBytesUnchanged() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Kept file = new Kept();
        try (StdoutMirror mirror = new StdoutMirror(LogRecordFormat.TEXT, CLOCK, out, 4096)) {
            MirroredSink sink = new MirroredSink(file, mirror, "web", "stdout");
            for (String chunk : List.of("one\ntw", "o\r\nthr", "ee\n", "tail")) {
                sink.write(ByteBuffer.wrap(chunk.getBytes(StandardCharsets.UTF_8)));
            }
            sink.close();
        }
        assertEquals("one\ntwo\r\nthree\ntail", file.bytes.toString(StandardCharsets.UTF_8));
        assertEquals("web | one\nweb | two\nweb | three\nweb | tail\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aStuckStdoutNeverBlocksAndDropsAreCountedThenReported() {
        StuckStdout stdout = new StuckStdout();
        StdoutMirror mirror = new StdoutMirror(LogRecordFormat.TEXT, CLOCK, stdout, 1024);
        // all 10,000 records are taken while stdout has not taken one byte (the deadline only ends a
        // test whose recorder would wait for stdout forever)
        CompletableFuture<Void> recorded = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 10_000; i++) {
                mirror.record("web", "stdout", "line " + i);
            }
        });
        assertDoesNotThrow(() -> recorded.get(60, TimeUnit.SECONDS), "10000 records with stdout stuck");
        assertEquals("", stdout.text(), "stdout was still stuck");
        long dropped = mirror.dropped();
        assertTrue(dropped > 9000, "dropped " + dropped);
        stdout.release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> stdout.text().contains("records were dropped"));
        mirror.close();
        String text = stdout.text();
        long reported = text.lines().filter(l -> l.startsWith("supervisord | steward: stdout was too slow; "))
                .mapToLong(l -> Long.parseLong(l.split("; ")[1].split(" ")[0])).sum();
        assertEquals(dropped, reported, "every drop is reported: " + text.lines().filter(l -> l.startsWith("sup")).toList());
        List<Integer> kept = text.lines().filter(l -> l.startsWith("web | line ")).map(l -> Integer.parseInt(l.substring(11)))
                .toList();
        assertEquals(10_000 - dropped, kept.size());
        for (int i = 1; i < kept.size(); i++) {
            assertTrue(kept.get(i) > kept.get(i - 1), "whole lines, in order: " + kept.get(i - 1) + " then " + kept.get(i));
        }
        assertEquals(0, kept.get(0));
    }

    /** Issue 23 item 8: the agent's and cron's lines in json carry time and level as fields, the text clean. */
    @Test
    void agentLinesInJsonCarryTheirLevelAsAFieldAndNoStamp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Kept file = new Kept();
        try (StdoutMirror mirror = new StdoutMirror(LogRecordFormat.JSON, CLOCK, out, 4096)) {
            DaemonLog log = new DaemonLog(new MirroredSink(file, mirror, "supervisord", "stdout"), null,
                    steward.compat.config.LogLevel.INFO);
            log.error("build revision r1 cannot run");
            log.info("steward run started");
            MirroredSink cron = new MirroredSink(new Kept(), mirror, "cron", "stdout");
            cron.write(ByteBuffer.wrap("2026-11-29 18:00:00,123 [line 2] hello\n".getBytes(StandardCharsets.UTF_8)));
        }
        assertEquals("""
                {"ts":"2026-11-29T18:00:00.123Z","source":"supervisord","stream":"stdout","level":"error","line":"build revision r1 cannot run"}
                {"ts":"2026-11-29T18:00:00.123Z","source":"supervisord","stream":"stdout","level":"info","line":"steward run started"}
                {"ts":"2026-11-29T18:00:00.123Z","source":"cron","stream":"stdout","line":"[line 2] hello"}
                """, out.toString(StandardCharsets.UTF_8));
        assertTrue(file.bytes.toString(StandardCharsets.UTF_8).matches("(?s)\\d{4}-\\d\\d-\\d\\d [0-9:,]+ ERRO build revision r1.*"),
                "the log file keeps Supervisor's format: " + file.bytes);
        assertEquals("supervisord | 2026-11-29 18:00:00,123 INFO x\n",
                LogRecordFormat.TEXT.formatStamped(CLOCK.instant(), "supervisord", "stdout", "2026-11-29 18:00:00,123 INFO x"));
    }
}
