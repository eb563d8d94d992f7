package steward.agent.cron.cluster;

import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.SchedulerStateRecord;

/**
 * Quartz's JDBC store with the failover margin as a setting: Quartz declares an instance dead 7.5 s
 * after its check-in interval ran out (hard-coded); Steward takes over after
 * {@code failoverMargin} (500 ms by default), so a fire held by a dead instance runs on another one
 * within the check-in interval plus about a second. A live instance wrongly declared dead cannot run
 * the fire twice: Quartz only fires a trigger still in the ACQUIRED state.
 */
public final class StewardJobStore extends JobStoreTX {
    private long failoverMargin = 500;

    /** Set by Quartz from {@code org.quartz.jobStore.failoverMargin}. */
    public void setFailoverMargin(long millis) {
        this.failoverMargin = millis;
    }

    @Override
    protected long calcFailedIfAfter(SchedulerStateRecord rec) {
        return rec.getCheckinTimestamp() + Math.max(rec.getCheckinInterval(), System.currentTimeMillis() - lastCheckin)
                + failoverMargin;
    }
}
