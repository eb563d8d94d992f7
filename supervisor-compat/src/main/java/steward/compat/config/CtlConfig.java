package steward.compat.config;

import java.util.Optional;

/** The [supervisorctl] section. */
public record CtlConfig(
        Optional<String> serverurl, Optional<String> username, Optional<String> password,
        String prompt, Optional<String> historyFile) {
}
