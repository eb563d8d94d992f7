package steward.compat.config;

/** The {@code autorestart} option: restart after an exit from RUNNING always, never, or when unexpected. */
public enum AutoRestart {
    TRUE, FALSE, UNEXPECTED;

    /** The value as getAllConfigInfo shows it: "true", "false" or "unexpected". */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
