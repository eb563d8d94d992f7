package steward.agent.cron.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import steward.agent.cron.ClusterBackend;
import steward.agent.cron.CronEntry;
import steward.agent.cron.CronSettings;
import steward.agent.cron.Schedule;

/**
 * Cluster mode: Quartz's clustered JDBC JobStore on PostgreSQL. Each crontab line is a Quartz job
 * (named by content, see {@code EntryKeys}) with one {@link CronieTrigger}; whichever instance
 * acquires a fire runs it, so a fire runs at most once across instances. A durable job
 * {@code steward-meta.release} records the release stamp of the installed crontab: an older
 * release's instance does not overwrite a newer release's jobs. {@code @reboot} lines stay local.
 */
public final class QuartzCluster implements ClusterBackend {
    static final String GROUP = "steward-cron";
    private static final JobKey META = JobKey.jobKey("release", "steward-meta");

    private final CronSettings.ClusterSettings settings;
    private final Scheduler scheduler;

    public QuartzCluster(CronSettings.ClusterSettings settings, ClusterBackend.Fires fires) throws Exception {
        this.settings = settings;
        PgSchema.ensure(settings.jdbcUrl());
        scheduler = new StdSchedulerFactory(properties(settings)).getScheduler();
        scheduler.getContext().put(FireJob.FIRES, fires);
        scheduler.getListenerManager().addTriggerListener(new MisfireLog(fires.log()));
        scheduler.start();
        fires.log().info("cron cluster '" + settings.name() + "': joined as " + settings.instanceId()
                + " (check-in " + settings.checkinInterval().toMillis() + " ms)");
    }

    private static Properties properties(CronSettings.ClusterSettings s) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", s.name());
        p.setProperty("org.quartz.scheduler.instanceId", s.instanceId());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(s.threads()));
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.class", StewardJobStore.class.getName());
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", "cron");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(s.checkinInterval().toMillis()));
        p.setProperty("org.quartz.jobStore.failoverMargin", Long.toString(s.failoverMargin().toMillis()));
        p.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.dataSource.cron.connectionProvider.class", PgConnections.class.getName());
        p.setProperty("org.quartz.dataSource.cron.url", s.jdbcUrl());
        return p;
    }

    @Override
    public long install(Map<String, CronEntry> entries, long releaseStamp) throws Exception {
        try (Connection c = PgConnections.open(settings.jdbcUrl())) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
                lock.setInt(1, (int) PgSchema.LOCK);
                lock.setString(2, settings.name());
                lock.execute();
            }
            JobDetail meta = scheduler.getJobDetail(META);
            long inForce = meta == null ? Long.MIN_VALUE : Long.parseLong(meta.getJobDataMap().getString("release"));
            if (inForce > releaseStamp) {
                c.rollback();
                return inForce;
            }
            Set<JobKey> existing = new HashSet<>(scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP)));
            for (JobKey k : existing) {
                if (!entries.containsKey(k.getName())) {
                    scheduler.deleteJob(k);
                }
            }
            for (Map.Entry<String, CronEntry> e : entries.entrySet()) {
                if (!existing.contains(JobKey.jobKey(e.getKey(), GROUP)) && !(e.getValue().schedule() instanceof Schedule.Reboot)) {
                    schedule(e.getKey(), e.getValue(), releaseStamp);
                }
            }
            scheduler.addJob(JobBuilder.newJob(FireJob.Overlapping.class).withIdentity(META).storeDurably()
                    .usingJobData("release", Long.toString(releaseStamp)).build(), true);
            c.commit();
            return releaseStamp;
        }
    }

    private void schedule(String key, CronEntry e, long releaseStamp) throws SchedulerException {
        JobDetail job = JobBuilder.newJob(e.overlap() ? FireJob.Overlapping.class : FireJob.class)
                .withIdentity(key, GROUP).usingJobData(EntryCodec.encode(e, releaseStamp))
                .withDescription(e.schedule().spec() + " " + e.command()).build();
        String zone = e.zone().orElse(ZoneId.systemDefault()).getId();
        CronieTrigger t = new CronieTrigger(e.schedule().spec(), zone);
        t.setKey(TriggerKey.triggerKey(key, GROUP));
        t.setJobKey(job.getKey());
        t.setStartTime(new Date());
        scheduler.scheduleJob(job, t);
    }

    @Override
    public Optional<Instant> nextFire(String key) {
        try {
            Trigger t = scheduler.getTrigger(TriggerKey.triggerKey(key, GROUP));
            return t == null || t.getNextFireTime() == null ? Optional.empty() : Optional.of(t.getNextFireTime().toInstant());
        } catch (SchedulerException e) {
            return Optional.empty();
        }
    }

    @Override
    public void standby() {
        try {
            scheduler.standby();
        } catch (SchedulerException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException ignored) {
            // closing anyway
        }
    }
}
