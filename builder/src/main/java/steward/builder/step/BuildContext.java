package steward.builder.step;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import steward.builder.base.BuildListener;
import steward.builder.base.BuilderConfig;
import steward.builder.base.Dependencies;
import steward.builder.env.RuntimeEnvironment;
import steward.builder.exec.CommandRunner;
import steward.builder.manifest.ServiceSpec;
import steward.builder.node.NodeSelection;
import steward.builder.program.ServicePrograms;
import steward.builder.release.Release;
import steward.builder.release.ReleaseStore;

/**
 * The state one build carries from step to step. The inputs are fixed; steps fill in the
 * outputs (node, dependency outcome, programs) and add warnings and notes. Used by one thread.
 */
public final class BuildContext {
    private final BuilderConfig config;
    private final Path tree;
    private final ServiceSpec service;
    private final Release release;
    private final Optional<Release> previous;
    private final ReleaseStore store;
    private final CommandRunner runner;
    private final BuildListener listener;
    private final Map<String, String> variables;
    private final List<Path> typeBins;
    private final List<String> warnings = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private NodeSelection node = new NodeSelection(Optional.empty(), Optional.empty());
    private Dependencies dependencies = Dependencies.NONE;
    private String depsHash;
    private ServicePrograms programs;

    public BuildContext(BuilderConfig config, Path tree, ServiceSpec service, Release release, Optional<Release> previous,
            ReleaseStore store, CommandRunner runner, BuildListener listener, Map<String, String> variables,
            List<Path> typeBins) {
        this.typeBins = List.copyOf(typeBins);
        this.config = config;
        this.tree = tree;
        this.service = service;
        this.release = release;
        this.previous = previous;
        this.store = store;
        this.runner = runner;
        this.listener = listener;
        this.variables = Map.copyOf(variables);
    }

    public BuilderConfig config() {
        return config;
    }

    public Path tree() {
        return tree;
    }

    public ServiceSpec service() {
        return service;
    }

    public Release release() {
        return release;
    }

    /** The release to reuse caches from (the active one, else the newest); empty on a clean build. */
    public Optional<Release> previous() {
        return previous;
    }

    public ReleaseStore store() {
        return store;
    }

    public CommandRunner runner() {
        return runner;
    }

    public BuildListener listener() {
        return listener;
    }

    /** The approot inside the new release. */
    public Path approotDir() {
        return release.dir().resolve(service.approot());
    }

    public Map<String, String> variables() {
        return variables;
    }

    /** Environment for hooks and dependency tools: base + HOME + service variables + bin directories first on PATH. */
    public Map<String, String> processEnvironment() {
        return RuntimeEnvironment.merge(config.baseEnvironment(), config.home(), variables, binDirs());
    }

    /** The type's bin directories (e.g. the virtualenv's), then the chosen node's: first on every PATH. */
    public List<Path> binDirs() {
        List<Path> all = new ArrayList<>(typeBins);
        node.binDir().ifPresent(all::add);
        return all;
    }

    public void warn(String warning) {
        warnings.add(warning);
        listener.warning(warning);
    }

    public void note(String note) {
        notes.add(note);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public NodeSelection node() {
        return node;
    }

    public void node(NodeSelection selection) {
        this.node = selection;
    }

    public Dependencies dependencies() {
        return dependencies;
    }

    public Optional<String> depsHash() {
        return Optional.ofNullable(depsHash);
    }

    public void dependencies(Dependencies outcome, String hash) {
        this.dependencies = outcome;
        this.depsHash = hash;
    }

    public Optional<ServicePrograms> programs() {
        return Optional.ofNullable(programs);
    }

    public void programs(ServicePrograms p) {
        this.programs = p;
    }
}
