package steward.agent.cron.cluster;

import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.listeners.TriggerListenerSupport;
import steward.agent.cron.CronLog;

/** Logs fires the cluster skipped: the previous run still held the job, or no instance took the fire in time. */
final class MisfireLog extends TriggerListenerSupport {
    private final CronLog log;

    MisfireLog(CronLog log) {
        this.log = log;
    }

    @Override
    public String getName() {
        return "steward-misfires";
    }

    @Override
    public void triggerMisfired(Trigger trigger) {
        log.job("job " + trigger.getJobKey().getName(), "skipped the fire of " + trigger.getNextFireTime().toInstant()
                + ": the previous run was still going, or no instance was free in time");
    }

    @Override
    public void triggerComplete(Trigger trigger, JobExecutionContext context,
                                Trigger.CompletedExecutionInstruction instruction) {
    }
}
