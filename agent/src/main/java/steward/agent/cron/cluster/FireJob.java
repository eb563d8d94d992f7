package steward.agent.cron.cluster;

import java.util.concurrent.ExecutionException;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import steward.agent.cron.ClusterBackend;

/**
 * A fire this instance took: runs the line on the cron event loop and waits for the run to end, so
 * that Quartz keeps the job marked as executing across the cluster for as long as it runs (no
 * overlap on any instance). Overlapping lines use {@link Overlapping}.
 */
@DisallowConcurrentExecution
public class FireJob implements Job {
    static final String FIRES = "steward.cron.fires";

    @Override
    public void execute(JobExecutionContext ctx) throws JobExecutionException {
        try {
            ClusterBackend.Fires fires = (ClusterBackend.Fires) ctx.getScheduler().getContext().get(FIRES);
            fires.fire(ctx.getJobDetail().getKey().getName(), EntryCodec.decode(ctx.getMergedJobDataMap()),
                    ctx.getScheduledFireTime().toInstant()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | SchedulerException | RuntimeException e) {
            throw new JobExecutionException(e);
        }
    }

    /** For {@code @overlap} lines: the same, without Quartz's no-concurrency mark. */
    public static final class Overlapping implements Job {
        private final FireJob inner = new FireJob();

        @Override
        public void execute(JobExecutionContext ctx) throws JobExecutionException {
            inner.execute(ctx);
        }
    }
}
