package steward.builder.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A shell command to run: {@code /bin/sh -c script} in {@code directory} with exactly
 * {@code environment} (nothing is inherited implicitly) and a hard time limit.
 */
public record Command(String script, Path directory, Map<String, String> environment, Duration timeout) {
    public Command {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(directory, "directory");
        environment = Map.copyOf(environment);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }
}
