package steward.agent.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import steward.builder.BuildRequest;
import steward.builder.Builder;
import steward.builder.base.BuildListener;
import steward.builder.base.BuilderConfig;
import steward.builder.CheckReport;
import steward.builder.manifest.ManifestException;

/** {@code steward deploy}: build a pushed tree and make it the running release. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Build TREE (holding dotcloud.yml) into a new release under HOME and make it live.",
                "With an agent running for HOME (steward run) the programs are swapped over to it; a failed build, "
                        + "postinstall or start leaves the previous release serving."})
public final class DeployCommand implements Callable<Integer> {
    @Option(names = "--home", description = "the service home (default: ${DEFAULT-VALUE})", defaultValue = "/home/dotcloud")
    Path home;

    @Option(names = "--service", description = "the service to build (default: the only code service)")
    String service;

    @Option(names = "--app", description = "with --rollback: the app `steward up` runs from DIR (default: the current "
            + "directory when it is one and no --home is given)")
    Path app;

    @Option(names = "--clean", description = "ignore caches: install dependencies from scratch")
    boolean clean;

    @Option(names = "--rollback", description = "switch back to the previous release (no TREE)")
    boolean rollback;

    @Option(names = "--check", description = "validate dotcloud.yml and the programs without building; exit 0, or 2")
    boolean check;

    @Option(names = "--json", description = "with --check: print the services as JSON")
    boolean json;

    @Option(names = "--ready-timeout", description = "seconds the new programs get to become responsive "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "60")
    int readyTimeout;

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "a variable added to the service's environment "
            + "(repeatable): another service's DOTCLOUD_* key, or a data service's port (PORT_REDIS=6380)")
    java.util.Map<String, String> env;

    @Parameters(arity = "0..1", paramLabel = "TREE", description = "the pushed tree (the directory holding dotcloud.yml)")
    Path tree;

    @Override
    public Integer call() throws Exception {
        if (rollback) {
            if (tree != null) {
                System.err.println("steward deploy: --rollback takes no TREE");
                return 2;
            }
            Path h = home.equals(Path.of("/home/dotcloud")) ? AppLookup.serviceHome(app, service).orElse(home) : home;
            return new DeployFlow(h, System.out, System.err).rollback(readyTimeout);
        }
        if (tree == null) {
            System.err.println("steward deploy: missing TREE");
            return 2;
        }
        if (check) {
            return check();
        }
        BuildRequest request = BuildRequest.of(tree);
        if (service != null) {
            request = request.withService(service);
        }
        if (clean) {
            request = request.withClean();
        }
        if (env != null) {
            request = request.withEnvironment(env);
        }
        return new DeployFlow(home, System.out, System.err).deploy(request, readyTimeout);
    }

    private int check() {
        try {
            Builder builder = new Builder(BuilderConfig.defaults(home), BuildListener.NONE);
            CheckReport report = builder.check(tree);
            System.out.print(json ? report.toJson() + "\n" : report.toText());
            report.notes().forEach(n -> System.err.println("Warning: " + n));
            List<String> problems = DeployChecks.run(builder, tree);
            problems.forEach(p -> System.err.println("Error: " + p));
            return problems.isEmpty() ? 0 : 2;
        } catch (ManifestException e) {
            System.err.println("Error: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("Error: cannot check " + tree + ": " + e.getMessage());
            return 2;
        }
    }
}
