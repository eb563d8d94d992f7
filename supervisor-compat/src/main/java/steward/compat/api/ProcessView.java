package steward.compat.api;

import steward.compat.config.ProcessConfig;

/**
 * A process in an {@link EngineView}: what {@code getProcessInfo} reports of it and its configuration.
 * {@code info.now()} is the time the view was published; {@link EngineView#processInfo} gives it as
 * of the view's read.
 */
public record ProcessView(ProcessInfo info, ProcessConfig config) {

    public ProcessRef ref() {
        return new ProcessRef(info.group(), info.name());
    }

    public String name() {
        return info.name();
    }

    public ProcessState state() {
        return info.state();
    }

    /** Its priority in start and stop order (lower starts first). */
    public int priority() {
        return config.priority();
    }

    public boolean autostart() {
        return config.autostart();
    }
}
