package steward.builder.manifest;

import java.util.Objects;

/** One program from {@code process} (named after the service) or a {@code processes} entry. */
public record ProcessSpec(String name, String command) {
    public ProcessSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(command, "command");
    }
}
