package steward.builder.exec;

import java.time.Duration;

/** Renders durations the way progress lines and errors show them ("15 min", "2 s", "250 ms"). */
public final class Durations {
    private Durations() {
    }

    public static String human(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + " ms";
        }
        if (d.toSeconds() < 120 || d.toSecondsPart() != 0) {
            return d.toSeconds() + " s";
        }
        return d.toMinutes() + " min";
    }
}
