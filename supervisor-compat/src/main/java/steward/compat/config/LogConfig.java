package steward.compat.config;

/**
 * One output channel's logging options ({@code stdout_*} or {@code stderr_*}).
 *
 * @param maxbytes rotate when the file reaches this size; 0 = never
 * @param backups number of {@code .1 … .N} files kept
 */
public record LogConfig(
        LogTarget target,
        long maxbytes,
        int backups,
        long captureMaxbytes,
        boolean eventsEnabled,
        boolean syslog) {
}
