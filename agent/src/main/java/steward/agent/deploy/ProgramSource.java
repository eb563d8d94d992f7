package steward.agent.deploy;

import java.util.Map;
import java.util.Optional;
import steward.builder.ReleaseView;

/** What the engine's configuration is read from: the selected release (the agent's {@code ReleasePrograms}). */
public interface ProgramSource {
    void select(Optional<ReleaseView> view);

    Optional<ReleaseView> selected();

    /**
     * Renders and parses {@code view}'s programs ahead of {@link #select}, so a broken configuration
     * is found before anything is stopped and the later load is instant.
     */
    void prepare(Optional<ReleaseView> view) throws Exception;

    /** The selected release's process environment. */
    Map<String, String> environment();
}
