package steward.agent.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrontabParserTest {

    /**
     * One row per line: the line's schedule, its zone, the start, then either the next five fire
     * times (ISO offset date-times, space separated; "never" for none) or "error: reason prefix".
     * 2025-01-01 is a Wednesday. Paris: spring forward 2025-03-30 02:00→03:00, fall back 2025-10-26
     * 03:00→02:00. New York: spring forward 2025-03-09 02:00→03:00.
     */
    @ParameterizedTest(name = "{0} [{1}]")
    @CsvSource(delimiter = '|', textBlock = """
        * * * * *          | UTC | 2025-01-01T00:00Z | 2025-01-01T00:01Z 2025-01-01T00:02Z 2025-01-01T00:03Z 2025-01-01T00:04Z 2025-01-01T00:05Z
        */15 * * * *       | UTC | 2025-01-01T00:00Z | 2025-01-01T00:15Z 2025-01-01T00:30Z 2025-01-01T00:45Z 2025-01-01T01:00Z 2025-01-01T01:15Z
        0 * * * *          | UTC | 2025-01-01T00:00:30Z | 2025-01-01T01:00Z 2025-01-01T02:00Z 2025-01-01T03:00Z 2025-01-01T04:00Z 2025-01-01T05:00Z
        30 2 * * *         | UTC | 2025-01-01T00:00Z | 2025-01-01T02:30Z 2025-01-02T02:30Z 2025-01-03T02:30Z 2025-01-04T02:30Z 2025-01-05T02:30Z
        0 9-17/4 * * *     | UTC | 2025-01-01T00:00Z | 2025-01-01T09:00Z 2025-01-01T13:00Z 2025-01-01T17:00Z 2025-01-02T09:00Z 2025-01-02T13:00Z
        5,10-12 0 * * *    | UTC | 2025-01-01T00:00Z | 2025-01-01T00:05Z 2025-01-01T00:10Z 2025-01-01T00:11Z 2025-01-01T00:12Z 2025-01-02T00:05Z
        1-5/2 3 * * *      | UTC | 2025-01-01T00:00Z | 2025-01-01T03:01Z 2025-01-01T03:03Z 2025-01-01T03:05Z 2025-01-02T03:01Z 2025-01-02T03:03Z
        0 0 1 * *          | UTC | 2025-01-01T00:00Z | 2025-02-01T00:00Z 2025-03-01T00:00Z 2025-04-01T00:00Z 2025-05-01T00:00Z 2025-06-01T00:00Z
        0 0 31 * *         | UTC | 2025-01-01T00:00Z | 2025-01-31T00:00Z 2025-03-31T00:00Z 2025-05-31T00:00Z 2025-07-31T00:00Z 2025-08-31T00:00Z
        0 0 29 2 *         | UTC | 2025-01-01T00:00Z | 2028-02-29T00:00Z 2032-02-29T00:00Z 2036-02-29T00:00Z 2040-02-29T00:00Z 2044-02-29T00:00Z
        0 0 30 2 *         | UTC | 2025-01-01T00:00Z | never
        0 0 * * 0          | UTC | 2025-01-01T00:00Z | 2025-01-05T00:00Z 2025-01-12T00:00Z 2025-01-19T00:00Z 2025-01-26T00:00Z 2025-02-02T00:00Z
        0 0 * * 7          | UTC | 2025-01-01T00:00Z | 2025-01-05T00:00Z 2025-01-12T00:00Z 2025-01-19T00:00Z 2025-01-26T00:00Z 2025-02-02T00:00Z
        0 0 * * Sun        | UTC | 2025-01-01T00:00Z | 2025-01-05T00:00Z 2025-01-12T00:00Z 2025-01-19T00:00Z 2025-01-26T00:00Z 2025-02-02T00:00Z
        0 0 * * mon-fri    | UTC | 2025-01-01T00:00Z | 2025-01-02T00:00Z 2025-01-03T00:00Z 2025-01-06T00:00Z 2025-01-07T00:00Z 2025-01-08T00:00Z
        0 0 * * 5-7        | UTC | 2025-01-01T00:00Z | 2025-01-03T00:00Z 2025-01-04T00:00Z 2025-01-05T00:00Z 2025-01-10T00:00Z 2025-01-11T00:00Z
        0 0 * * tue,thu    | UTC | 2025-01-01T00:00Z | 2025-01-02T00:00Z 2025-01-07T00:00Z 2025-01-09T00:00Z 2025-01-14T00:00Z 2025-01-16T00:00Z
        0 0 13 * fri       | UTC | 2025-01-01T00:00Z | 2025-01-03T00:00Z 2025-01-10T00:00Z 2025-01-13T00:00Z 2025-01-17T00:00Z 2025-01-24T00:00Z
        0 0 1,15 * 3       | UTC | 2025-01-01T00:00Z | 2025-01-08T00:00Z 2025-01-15T00:00Z 2025-01-22T00:00Z 2025-01-29T00:00Z 2025-02-01T00:00Z
        0 0 */2 * mon      | UTC | 2025-01-01T00:00Z | 2025-01-13T00:00Z 2025-01-27T00:00Z 2025-02-03T00:00Z 2025-02-17T00:00Z 2025-03-03T00:00Z
        0 0 1 * */3        | UTC | 2025-01-01T00:00Z | 2025-02-01T00:00Z 2025-03-01T00:00Z 2025-06-01T00:00Z 2025-10-01T00:00Z 2025-11-01T00:00Z
        0 0 1 jan,JUL *    | UTC | 2025-01-01T00:00Z | 2025-07-01T00:00Z 2026-01-01T00:00Z 2026-07-01T00:00Z 2027-01-01T00:00Z 2027-07-01T00:00Z
        0 12 1 jan-may/2 * | UTC | 2025-01-01T00:00Z | 2025-01-01T12:00Z 2025-03-01T12:00Z 2025-05-01T12:00Z 2026-01-01T12:00Z 2026-03-01T12:00Z
        @hourly            | UTC | 2025-01-01T00:00Z | 2025-01-01T01:00Z 2025-01-01T02:00Z 2025-01-01T03:00Z 2025-01-01T04:00Z 2025-01-01T05:00Z
        @daily             | UTC | 2025-01-01T00:00Z | 2025-01-02T00:00Z 2025-01-03T00:00Z 2025-01-04T00:00Z 2025-01-05T00:00Z 2025-01-06T00:00Z
        @midnight          | UTC | 2025-01-01T00:00Z | 2025-01-02T00:00Z 2025-01-03T00:00Z 2025-01-04T00:00Z 2025-01-05T00:00Z 2025-01-06T00:00Z
        @weekly            | UTC | 2025-01-01T00:00Z | 2025-01-05T00:00Z 2025-01-12T00:00Z 2025-01-19T00:00Z 2025-01-26T00:00Z 2025-02-02T00:00Z
        @monthly           | UTC | 2025-01-01T00:00Z | 2025-02-01T00:00Z 2025-03-01T00:00Z 2025-04-01T00:00Z 2025-05-01T00:00Z 2025-06-01T00:00Z
        @yearly            | UTC | 2025-01-01T00:00Z | 2026-01-01T00:00Z 2027-01-01T00:00Z 2028-01-01T00:00Z 2029-01-01T00:00Z 2030-01-01T00:00Z
        @annually          | UTC | 2025-01-01T00:00Z | 2026-01-01T00:00Z 2027-01-01T00:00Z 2028-01-01T00:00Z 2029-01-01T00:00Z 2030-01-01T00:00Z
        @reboot            | UTC | 2025-01-01T00:00Z | never
        @every 30s         | UTC | 2025-01-01T00:00Z | 2025-01-01T00:00:30Z 2025-01-01T00:01Z 2025-01-01T00:01:30Z 2025-01-01T00:02Z 2025-01-01T00:02:30Z
        @every 5m          | UTC | 2025-01-01T00:03:10Z | 2025-01-01T00:05Z 2025-01-01T00:10Z 2025-01-01T00:15Z 2025-01-01T00:20Z 2025-01-01T00:25Z
        @every 1h30m       | UTC | 2025-01-01T00:00Z | 2025-01-01T01:30Z 2025-01-01T03:00Z 2025-01-01T04:30Z 2025-01-01T06:00Z 2025-01-01T07:30Z
        @every 7s          | UTC | 2025-01-01T00:00Z | 2025-01-01T00:00:06Z 2025-01-01T00:00:13Z 2025-01-01T00:00:20Z 2025-01-01T00:00:27Z 2025-01-01T00:00:34Z
        @every 1m          | Europe/Paris | 2025-03-30T01:58+01:00 | 2025-03-30T01:59+01:00 2025-03-30T03:00+02:00 2025-03-30T03:01+02:00 2025-03-30T03:02+02:00 2025-03-30T03:03+02:00
        30 2 * * *         | Europe/Paris | 2025-03-28T00:00+01:00 | 2025-03-28T02:30+01:00 2025-03-29T02:30+01:00 2025-03-30T03:00+02:00 2025-03-31T02:30+02:00 2025-04-01T02:30+02:00
        0,30 2 * * *       | Europe/Paris | 2025-03-30T00:00+01:00 | 2025-03-30T03:00+02:00 2025-03-31T02:00+02:00 2025-03-31T02:30+02:00 2025-04-01T02:00+02:00 2025-04-01T02:30+02:00
        */30 * * * *       | Europe/Paris | 2025-03-30T01:00+01:00 | 2025-03-30T01:30+01:00 2025-03-30T03:00+02:00 2025-03-30T03:30+02:00 2025-03-30T04:00+02:00 2025-03-30T04:30+02:00
        30 2 * * *         | Europe/Paris | 2025-10-25T12:00+02:00 | 2025-10-26T02:30+02:00 2025-10-27T02:30+01:00 2025-10-28T02:30+01:00 2025-10-29T02:30+01:00 2025-10-30T02:30+01:00
        */30 * * * *       | Europe/Paris | 2025-10-26T01:45+02:00 | 2025-10-26T02:00+02:00 2025-10-26T02:30+02:00 2025-10-26T02:00+01:00 2025-10-26T02:30+01:00 2025-10-26T03:00+01:00
        30 * * * *         | Europe/Paris | 2025-10-26T00:45+02:00 | 2025-10-26T01:30+02:00 2025-10-26T02:30+02:00 2025-10-26T02:30+01:00 2025-10-26T03:30+01:00 2025-10-26T04:30+01:00
        15 2 * * *         | America/New_York | 2025-03-08T00:00-05:00 | 2025-03-08T02:15-05:00 2025-03-09T03:00-04:00 2025-03-10T02:15-04:00 2025-03-11T02:15-04:00 2025-03-12T02:15-04:00
        61 * * * *         | UTC | 2025-01-01T00:00Z | error: bad minute "61": 61 is out of range 0-59
        * 24 * * *         | UTC | 2025-01-01T00:00Z | error: bad hour
        * * 0 * *          | UTC | 2025-01-01T00:00Z | error: bad day-of-month
        * * * 13 *         | UTC | 2025-01-01T00:00Z | error: bad month
        * * * foo *        | UTC | 2025-01-01T00:00Z | error: bad month "foo"
        * * * * 8          | UTC | 2025-01-01T00:00Z | error: bad day-of-week
        5/10 * * * *       | UTC | 2025-01-01T00:00Z | error: bad minute "5/10": a step needs a range or *
        */0 * * * *        | UTC | 2025-01-01T00:00Z | error: bad minute "*/0": bad step
        10-5 * * * *       | UTC | 2025-01-01T00:00Z | error: bad minute "10-5": range 10-5 runs backwards
        1,,2 * * * *       | UTC | 2025-01-01T00:00Z | error: bad minute
        @fortnightly       | UTC | 2025-01-01T00:00Z | error: bad time specifier "@fortnightly"
        @every 500ms       | UTC | 2025-01-01T00:00Z | error: bad time specifier "@every 500ms"
        * * * * * *        | UTC | 2025-01-01T00:00Z | error: bad command
        """)
    void nextFiveFireTimes(String schedule, String zone, String start, String expected) {
        Crontab tab = CrontabParser.parse("crontab", schedule + " echo hi\n");
        if (expected.startsWith("error: ")) {
            assertEquals(0, tab.entries().size(), schedule);
            assertEquals(1, tab.errors().size(), schedule);
            String message = tab.errors().get(0).toString();
            assertTrue(message.startsWith("crontab:1: " + expected.substring(7)), message);
            return;
        }
        assertEquals(List.of(), tab.errors(), schedule);
        Schedule s = tab.entries().get(0).schedule();
        List<String> got = new ArrayList<>();
        ZonedDateTime t = OffsetDateTime.parse(start).atZoneSameInstant(ZoneId.of(zone));
        for (int i = 0; i < 5; i++) {
            Optional<ZonedDateTime> n = s.next(t);
            if (n.isEmpty()) {
                break;
            }
            assertEquals(ZoneId.of(zone), n.get().getZone());
            t = n.get();
            got.add(t.toOffsetDateTime().toString());
        }
        List<String> want = expected.equals("never") ? List.of()
                : List.of(expected.split(" ")).stream().map(x -> OffsetDateTime.parse(x).toString()).collect(Collectors.toList());
        assertEquals(want, got, schedule);
    }

    @Test
    void badLinesAreReportedWithTheirNumbersAndTheOthersLoad() {
        String text = """
                # nightly jobs
                SHELL=/bin/bash
                MAILTO = "ops@example.com"
                0 3 * * * ./backup.sh
                0 25 * * * ./never.sh
                CRON_TZ=Europe/Paris
                @overlap */5 * * * * ./poll.sh
                CRON_TZ=Not/AZone
                @every 2x ./bad-every.sh
                FOO='a b'
                @daily date +\\%Y%hello%world
                * * * *
                """;
        Crontab tab = CrontabParser.parse("jobs/crontab", text);
        assertEquals(List.of("jobs/crontab:5: bad hour \"25\": 25 is out of range 0-23",
                "jobs/crontab:8: bad CRON_TZ \"Not/AZone\": unknown time zone",
                "jobs/crontab:9: bad time specifier \"@every 2x\": bad duration \"2x\" (e.g. 30s, 5m, 1h30m)",
                "jobs/crontab:12: bad command: nothing to run after \"* * * *\""),
                tab.errors().stream().map(Object::toString).toList());
        assertEquals(List.of(4, 7, 11), tab.entries().stream().map(CronEntry::line).toList());
        CronEntry backup = tab.entries().get(0);
        assertEquals(Map.of("SHELL", "/bin/bash", "MAILTO", "ops@example.com"), backup.env());
        assertEquals("/bin/bash", backup.shell());
        assertEquals(Optional.empty(), backup.zone());
        CronEntry poll = tab.entries().get(1);
        assertTrue(poll.overlap());
        assertEquals(Optional.of(ZoneId.of("Europe/Paris")), poll.zone());
        assertEquals("*/5 * * * *", poll.schedule().spec());
        CronEntry date = tab.entries().get(2);
        assertEquals("date +%Y", date.command());
        assertEquals("hello\nworld\n", date.input());
        assertEquals("a b", date.env().get("FOO"));
        assertEquals("Europe/Paris", tab.env().get("CRON_TZ"));
    }
}
