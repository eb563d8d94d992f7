package steward.compat.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written formats against java.time's, over random instants and several zones. */
class StampsTest {
    private final TimeZone saved = TimeZone.getDefault();

    @AfterEach
    void restore() {
        TimeZone.setDefault(saved);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Pacific/Chatham"})
    void matchJavaTimeInEveryZone(String zone) {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        ZoneId z = ZoneId.of(zone);
        DateTimeFormatter log = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS").withZone(z);
        DateTimeFormatter stop = DateTimeFormatter.ofPattern("MMM dd hh:mm a", Locale.ENGLISH).withZone(z);
        DateTimeFormatter http = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
                .withZone(ZoneId.of("UTC"));
        Random r = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            long ms = (long) (r.nextDouble() * 4_102_444_800_000L);
            assertEquals(log.format(Instant.ofEpochMilli(ms)), Stamps.logStamp(ms));
            assertEquals(stop.format(Instant.ofEpochSecond(ms / 1000)), Stamps.stopTime(ms / 1000));
            assertEquals(http.format(Instant.ofEpochMilli(ms)), Stamps.httpDate(ms));
        }
    }

    @Test
    void knownInstants() {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        assertEquals("2026-11-23 00:06:15,007", Stamps.logStamp(1_795_392_375_007L));
        assertEquals("Nov 23 12:06 AM", Stamps.stopTime(1_795_392_375L));
        assertEquals("Mon, 23 Nov 2026 00:06:15 GMT", Stamps.httpDate(1_795_392_375_007L));
        assertEquals("1970-01-01 00:00:00,000", Stamps.logStamp(0));
    }
}
