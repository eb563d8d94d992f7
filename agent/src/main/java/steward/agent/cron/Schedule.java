package steward.agent.cron;

import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a crontab line fires. Pure: no clock, no threads. The zone of the argument is the zone the
 * line is read in (its {@code CRON_TZ}, or the agent's), and the answer is in that zone.
 */
public sealed interface Schedule permits CronSchedule, EverySchedule, Schedule.Reboot {

    /** The first fire strictly after {@code after}; empty when the line never fires again (or is {@code @reboot}). */
    Optional<ZonedDateTime> next(ZonedDateTime after);

    /** The schedule as written ({@code "*&#47;5 * * * *"}, {@code "@daily"}, {@code "@every 30s"}). */
    String spec();

    /** {@code @reboot}: once when the agent starts, never from {@link #next}. */
    record Reboot() implements Schedule {
        @Override
        public Optional<ZonedDateTime> next(ZonedDateTime after) {
            return Optional.empty();
        }

        @Override
        public String spec() {
            return "@reboot";
        }
    }
}
