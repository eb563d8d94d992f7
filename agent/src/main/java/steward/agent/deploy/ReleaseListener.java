package steward.agent.deploy;

import java.util.Map;
import steward.builder.ReleaseView;

/**
 * Hears a release go live in the agent (at start and after each redeploy or put-back) and the
 * agent stop. This is where a crontab is loaded: the cron service reads {@code HOME/current/crontab}
 * (or the release's crontab key) with {@code environment} on {@link #activated}, and unloads on
 * {@link #deactivated}. Called on the deploy thread, never on the engine's loop.
 */
public interface ReleaseListener {
    ReleaseListener NONE = new ReleaseListener() {
    };

    /** {@code view} is live in HOME/current and its programs were started with {@code environment}. */
    default void activated(ReleaseView view, Map<String, String> environment) {
    }

    /** The programs of the active release are being stopped (redeploy, or agent shutdown). */
    default void deactivated() {
    }

    /** Both listeners, in order. */
    static ReleaseListener both(ReleaseListener first, ReleaseListener second) {
        return new ReleaseListener() {
            @Override
            public void activated(ReleaseView view, Map<String, String> environment) {
                first.activated(view, environment);
                second.activated(view, environment);
            }

            @Override
            public void deactivated() {
                first.deactivated();
                second.deactivated();
            }
        };
    }
}
