package steward.compat.config;

import java.util.Locale;
import java.util.Optional;

/** Supervisor's log levels: the code printed in the log line and the numeric level. */
public enum LogLevel {
    CRIT(50), ERRO(40), WARN(30), INFO(20), DEBG(10), TRAC(5), BLAT(3);

    private final int level;

    LogLevel(int level) {
        this.level = level;
    }

    public int level() {
        return level;
    }

    /** True when a message at {@code message} level passes this threshold. */
    public boolean allows(LogLevel message) {
        return message.level >= level;
    }

    /** Parses Supervisor's names: critical, error, warn, info, debug, trace, blather (any case). */
    public static Optional<LogLevel> fromName(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "critical": return Optional.of(CRIT);
            case "error": return Optional.of(ERRO);
            case "warn": return Optional.of(WARN);
            case "info": return Optional.of(INFO);
            case "debug": return Optional.of(DEBG);
            case "trace": return Optional.of(TRAC);
            case "blather": return Optional.of(BLAT);
            default: return Optional.empty();
        }
    }
}
