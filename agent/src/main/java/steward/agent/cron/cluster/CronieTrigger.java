package steward.agent.cron.cluster;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import org.quartz.Calendar;
import org.quartz.ScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.impl.triggers.AbstractTrigger;
import org.quartz.spi.MutableTrigger;
import steward.agent.cron.CrontabParser;
import steward.agent.cron.Schedule;

/**
 * A Quartz trigger whose fire times are Steward's {@link Schedule} (cronie's rules, {@code @every}),
 * stored by the JDBC store as a serialized blob: only the spec and the zone are kept. Misfires (no
 * instance took the fire within the threshold, or the previous run still held the job) are
 * skipped: the next fire is the first one after now.
 */
public final class CronieTrigger extends AbstractTrigger<CronieTrigger> {
    private static final long serialVersionUID = 1L;

    private final String spec;
    private final String zone;
    private Date startTime = new Date();
    private Date endTime;
    private Date nextFireTime;
    private Date previousFireTime;
    private transient Schedule schedule;

    public CronieTrigger(String spec, String zone) {
        this.spec = spec;
        this.zone = zone;
        setMisfireInstruction(Trigger.MISFIRE_INSTRUCTION_SMART_POLICY);
    }

    String spec() {
        return spec;
    }

    private Schedule schedule() {
        if (schedule == null) {
            schedule = CrontabParser.parseSchedule(spec);
        }
        return schedule;
    }

    @Override
    public Date getFireTimeAfter(Date after) {
        Date from = after == null ? new Date() : after;
        return schedule().next(ZonedDateTime.ofInstant(from.toInstant(), ZoneId.of(zone)))
                .map(z -> Date.from(z.toInstant()))
                .filter(d -> endTime == null || !d.after(endTime))
                .orElse(null);
    }

    @Override
    public Date computeFirstFireTime(Calendar calendar) {
        nextFireTime = getFireTimeAfter(new Date(Math.max(startTime.getTime(), System.currentTimeMillis())));
        return nextFireTime;
    }

    @Override
    public void triggered(Calendar calendar) {
        previousFireTime = nextFireTime;
        nextFireTime = getFireTimeAfter(nextFireTime);
    }

    @Override
    public void updateAfterMisfire(Calendar cal) {
        nextFireTime = getFireTimeAfter(new Date());
    }

    @Override
    public void updateWithNewCalendar(Calendar cal, long misfireThreshold) {
        nextFireTime = getFireTimeAfter(previousFireTime);
    }

    @Override
    protected boolean validateMisfireInstruction(int instruction) {
        return instruction == Trigger.MISFIRE_INSTRUCTION_SMART_POLICY;
    }

    @Override
    public Date getNextFireTime() {
        return nextFireTime;
    }

    @Override
    public Date getPreviousFireTime() {
        return previousFireTime;
    }

    @Override
    public void setNextFireTime(Date d) {
        nextFireTime = d;
    }

    @Override
    public void setPreviousFireTime(Date d) {
        previousFireTime = d;
    }

    @Override
    public Date getStartTime() {
        return startTime;
    }

    @Override
    public void setStartTime(Date d) {
        startTime = d;
    }

    @Override
    public Date getEndTime() {
        return endTime;
    }

    @Override
    public void setEndTime(Date d) {
        endTime = d;
    }

    @Override
    public Date getFinalFireTime() {
        return null;
    }

    @Override
    public boolean mayFireAgain() {
        return nextFireTime != null;
    }

    @Override
    public ScheduleBuilder<CronieTrigger> getScheduleBuilder() {
        return new ScheduleBuilder<>() {
            @Override
            protected MutableTrigger build() {
                return new CronieTrigger(spec, zone);
            }
        };
    }
}
