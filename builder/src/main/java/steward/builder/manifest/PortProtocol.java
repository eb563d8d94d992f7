package steward.builder.manifest;

import java.util.Locale;
import java.util.Optional;

/** What a {@code ports:} entry carries. */
public enum PortProtocol {
    HTTP, TCP, UDP;

    public static Optional<PortProtocol> fromName(String name) {
        for (PortProtocol p : values()) {
            if (p.wireName().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
