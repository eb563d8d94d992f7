package steward.agent.metrics;

import java.util.function.Consumer;
import steward.agent.deploy.DeployOutcome;

/** Activations by outcome and how long the web port was unavailable during them. */
public final class DeployMetrics implements Consumer<DeployOutcome> {
    private long succeeded;
    private long failed;
    private double unavailableTotal;
    private double lastUnavailable = Double.NaN;
    private double lastDuration = Double.NaN;

    @Override
    public synchronized void accept(DeployOutcome o) {
        if (o.ok()) {
            succeeded++;
        } else {
            failed++;
        }
        lastDuration = o.totalMillis() / 1000.0;
        if (o.gapMillis().isPresent()) {
            lastUnavailable = o.gapMillis().getAsLong() / 1000.0;
            unavailableTotal += lastUnavailable;
        }
    }

    synchronized void write(Exposition out) {
        out.family("steward_deploys_total", "counter", "Activations of a build revision by outcome.");
        out.sample("steward_deploys_total", succeeded, "outcome", "success");
        out.sample("steward_deploys_total", failed, "outcome", "failure");
        out.family("steward_deploy_unavailable_seconds_total", "counter",
                "Seconds the web port (8080) refused connections during activations, summed.");
        out.sample("steward_deploy_unavailable_seconds_total", unavailableTotal);
        out.family("steward_deploy_last_unavailable_seconds", "gauge",
                "Seconds the web port refused connections during the last measured activation (NaN: none yet).");
        out.sample("steward_deploy_last_unavailable_seconds", lastUnavailable);
        out.family("steward_deploy_last_duration_seconds", "gauge",
                "How long the last activation took (NaN: none yet).");
        out.sample("steward_deploy_last_duration_seconds", lastDuration);
    }
}
