package steward.agent.cron;

/** Finds the Quartz backend by name, so that nothing loads Quartz's classes outside cluster mode. */
final class ClusterLoader {
    private static final String IMPL = "steward.agent.cron.cluster.QuartzCluster";

    private ClusterLoader() {
    }

    static ClusterBackend load(CronSettings.ClusterSettings settings, ClusterBackend.Fires fires) throws Exception {
        Class<?> c = Class.forName(IMPL);
        return (ClusterBackend) c.getConstructor(CronSettings.ClusterSettings.class, ClusterBackend.Fires.class)
                .newInstance(settings, fires);
    }
}
