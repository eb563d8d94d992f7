package steward.agent.deploy;

import java.util.OptionalLong;

/**
 * How an activation ended. {@code serving} names the release serving afterwards.
 *
 * @param gapMillis how long the web port refused connections (0: never; empty: not measured or never back)
 */
public record DeployOutcome(boolean ok, String serving, OptionalLong gapMillis, long totalMillis) {
}
