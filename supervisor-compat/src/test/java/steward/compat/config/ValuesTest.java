package steward.compat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each converter against what Supervisor 4.2.5's datatypes.py returns or raises (checked with python3). */
class ValuesTest {
    /** One row: converter name, input, expected value or (error) expected message. */
    record Row(String kind, String input, Object expected, boolean error) {
        static Row ok(String kind, String input, Object expected) {
            return new Row(kind, input, expected, false);
        }

        static Row bad(String kind, String input, String message) {
            return new Row(kind, input, message, true);
        }

        @Override
        public String toString() {
            return kind + "(" + Py.repr(input) + ")";
        }
    }

    private static final Users USERS = new Users(java.nio.file.Path.of("/etc/passwd"), false);

    private static final Map<String, Function<String, Object>> KINDS = Map.of(
            "bool", Values::bool,
            "integer", Values::integer,
            "byteSize", Values::byteSize,
            "octal", Values::octal,
            "signal", s -> Values.signal(s).number(),
            "exitcodes", Values::exitcodes,
            "autorestart", Values::autorestart,
            "environment", Values::environment,
            "logLevel", Values::logLevel,
            "user", s -> Values.user(s, USERS));

    static Stream<Row> rows() {
        return Stream.of(
                Row.ok("bool", "true", true), Row.ok("bool", "YES", true), Row.ok("bool", "On", true),
                Row.ok("bool", "1", true), Row.ok("bool", "false", false), Row.ok("bool", "no", false),
                Row.ok("bool", "OFF", false), Row.ok("bool", "0", false),
                Row.bad("bool", "maybe", "not a valid boolean value: 'maybe'"),
                Row.bad("bool", " true", "not a valid boolean value: ' true'"),
                Row.ok("integer", "42", 42), Row.ok("integer", " -7 ", -7), Row.ok("integer", "+5", 5),
                Row.ok("integer", "1_000", 1000), Row.ok("integer", "007", 7),
                Row.bad("integer", "abc", "invalid integer 'abc'"), Row.bad("integer", "1.5", "invalid integer '1.5'"),
                Row.bad("integer", "", "invalid integer ''"), Row.bad("integer", "1__0", "invalid integer '1__0'"),
                Row.ok("byteSize", "1024", 1024L), Row.ok("byteSize", "1KB", 1024L),
                Row.ok("byteSize", "2mb", 2L * 1024 * 1024), Row.ok("byteSize", "3Gb", 3L << 30),
                Row.ok("byteSize", "50 MB", 50L << 20), Row.ok("byteSize", "0", 0L),
                Row.bad("byteSize", "10TB", "invalid byte size '10TB'"), Row.bad("byteSize", "MB", "invalid byte size 'MB'"),
                Row.ok("octal", "022", 18), Row.ok("octal", "0o27", 23), Row.ok("octal", "777", 511),
                Row.bad("octal", "8", "8 can not be converted to an octal type"),
                Row.bad("octal", "rw", "rw can not be converted to an octal type"),
                Row.ok("signal", "TERM", 15), Row.ok("signal", "sigkill", 9), Row.ok("signal", " hup ", 1),
                Row.ok("signal", "9", 9), Row.ok("signal", "IOT", 6), Row.ok("signal", "SIGCLD", 17),
                Row.ok("signal", "RTMIN", 34), Row.ok("signal", "rtmax", 64), Row.ok("signal", "USR2", 12),
                Row.bad("signal", "FOO", "value 'FOO' is not a valid signal name"),
                Row.bad("signal", "33", "value '33' is not a valid signal number"),
                Row.bad("signal", "-1", "value '-1' is not a valid signal number"),
                Row.ok("exitcodes", "0", List.of(0)), Row.ok("exitcodes", "0, 2,255", List.of(0, 2, 255)),
                Row.ok("exitcodes", "", List.of()),
                Row.bad("exitcodes", "256", "not a valid list of exit codes: '256'"),
                Row.bad("exitcodes", "0,x", "not a valid list of exit codes: '0,x'"),
                Row.bad("exitcodes", "0,", "not a valid list of exit codes: '0,'"),
                Row.ok("autorestart", "true", AutoRestart.TRUE), Row.ok("autorestart", "Unexpected", AutoRestart.UNEXPECTED),
                Row.ok("autorestart", "off", AutoRestart.FALSE),
                Row.bad("autorestart", "Sometimes", "invalid 'autorestart' value 'sometimes'"),
                Row.ok("environment", "A=1,B=2", Map.of("A", "1", "B", "2")),
                Row.ok("environment", "A=\"x,y\",B='z w'", Map.of("A", "x,y", "B", "z w")),
                Row.ok("environment", "KEY=x\"y", Map.of("KEY", "x\"y")),
                Row.ok("environment", "A=\"\"", Map.of("A", "")),
                Row.ok("environment", "A='\"q\"'", Map.of("A", "q")),
                Row.ok("environment", "A=1,", Map.of("A", "1")),
                Row.ok("environment", "A=1;B=2", Map.of("A", "1", "B", "2")),
                Row.ok("environment", "A= spaced ,B=2", Map.of("A", "spaced", "B", "2")),
                Row.ok("environment", "P=/usr/bin:/bin,Q=a.b+c-d(e)", Map.of("P", "/usr/bin:/bin", "Q", "a.b+c-d(e)")),
                Row.ok("environment", "A=\u00e9", Map.of("A", "\u00e9")),
                Row.ok("environment", "", Map.of()),
                Row.bad("environment", "A=1 B=2", "Unexpected end of key/value pairs in value 'A=1 B=2'"),
                Row.bad("environment", "A=b#c\nD=e", "Unexpected end of key/value pairs in value 'A=b#c\\nD=e'"),
                Row.bad("environment", "A", "Unexpected end of key/value pairs in value 'A'"),
                Row.bad("environment", "A=\"unclosed", "No closing quotation"),
                Row.ok("logLevel", "debug", LogLevel.DEBG), Row.ok("logLevel", "BLATHER", LogLevel.BLAT),
                Row.ok("logLevel", "critical", LogLevel.CRIT),
                Row.bad("logLevel", "verbose", "bad logging level name 'verbose'"),
                Row.ok("user", "root", 0), Row.ok("user", "0", 0),
                Row.bad("user", "no-such-user-x", "Invalid user name no-such-user-x"),
                Row.bad("user", "987654", "Invalid user id 987654"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void convertsAsSupervisor(Row row) {
        Function<String, Object> convert = KINDS.get(row.kind());
        if (row.error()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> convert.apply(row.input()));
            assertEquals(row.expected(), e.getMessage());
        } else {
            assertEquals(row.expected(), convert.apply(row.input()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logfiles")
    void logfileNames(String input, Optional<LogTarget> expected) {
        assertEquals(expected, Values.logfile(input, new HomeDirs(Map.of("HOME", "/tmp"), USERS)));
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> logfiles() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("AUTO", Optional.of(LogTarget.AUTO)),
                org.junit.jupiter.params.provider.Arguments.of("auto", Optional.of(LogTarget.AUTO)),
                org.junit.jupiter.params.provider.Arguments.of("NONE", Optional.of(LogTarget.NONE)),
                org.junit.jupiter.params.provider.Arguments.of("Off", Optional.of(LogTarget.NONE)),
                org.junit.jupiter.params.provider.Arguments.of("syslog", Optional.empty()),
                org.junit.jupiter.params.provider.Arguments.of("/tmp/x.log",
                        Optional.of(LogTarget.file(java.nio.file.Path.of("/tmp/x.log")))),
                org.junit.jupiter.params.provider.Arguments.of("~/y.log",
                        Optional.of(LogTarget.file(java.nio.file.Path.of("/tmp/y.log")))),
                org.junit.jupiter.params.provider.Arguments.of("rel.log",
                        Optional.of(LogTarget.file(java.nio.file.Path.of("rel.log")))));
    }

    @org.junit.jupiter.api.Test
    void logfileInMissingDirectoryIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Values.logfile("/no/such/dir/x.log", new HomeDirs(Map.of(), USERS)));
        assertEquals("The directory named as part of the path /no/such/dir/x.log does not exist", e.getMessage());
    }
}
