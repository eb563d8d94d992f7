package steward.builder.deps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import steward.builder.base.Dependencies;
import steward.builder.step.BuildContext;
import steward.builder.step.BuildFailure;
import steward.builder.step.BuildStep;

/**
 * python and python-worker (reference types §2): a virtualenv at {@code HOME/env} (Debian's
 * {@code python3 -m venv}, kept between builds as dotCloud kept it; made again on a clean build;
 * without pip while there is nothing to install),
 * then in the approot {@code pip install -r requirements.txt}, the {@code requirements:} list, and
 * {@code pip install .} when there is a setup.py or pyproject.toml. Skipped when requirements.txt,
 * the list and the python are those the previous release was built with (and there is no
 * setup.py/pyproject.toml, whose package is the app itself). pip reads the user's own index
 * settings (PIP_INDEX_URL, pip.conf, {@code --find-links} lines) unchanged.
 */
public final class PipInstall implements BuildStep {
    public static final List<String> INPUTS = List.of("requirements.txt", "setup.py", "setup.cfg", "pyproject.toml");

    public static Path venv(Path home) {
        return home.resolve("env");
    }

    @Override
    public void run(BuildContext ctx) throws BuildFailure, IOException {
        Path approot = ctx.approotDir();
        Path env = venv(ctx.config().home());
        Python python = Python.select(ctx);
        List<String> requirements = ctx.service().requirements();
        boolean hasReqs = Files.isRegularFile(approot.resolve("requirements.txt"));
        boolean hasPackage = Files.isRegularFile(approot.resolve("setup.py")) || Files.isRegularFile(approot.resolve("pyproject.toml"));
        String hash = InputsHash.of(approot, INPUTS, Stream.concat(requirements.stream(), Stream.of(python.version())).toList());
        boolean envOk = Files.isExecutable(env.resolve("bin").resolve("python"));
        if (envOk && !hasPackage && InputsHash.unchanged(ctx, hash)) {
            InputsHash.reused(ctx, hash, "requirements unchanged: reusing " + env);
            return;
        }
        boolean needsPip = hasReqs || !requirements.isEmpty() || hasPackage;
        boolean hasPip = Files.isExecutable(env.resolve("bin").resolve("pip"));
        if (!envOk || ctx.previous().isEmpty() || (needsPip && !hasPip)) {
            deleteTree(env);
            // without anything to install, the virtualenv gets no pip (ensurepip takes seconds); the
            // first build that needs pip makes it again with pip
            ToolStep.run(ctx, "virtualenv", ToolStep.quote(python.path()) + " -m venv " + (needsPip ? "" : "--without-pip ")
                    + ToolStep.quote(env.toString()));
        }
        String pip = ToolStep.quote(env.resolve("bin").resolve("pip").toString()) + " install --disable-pip-version-check --no-input";
        boolean ran = false;
        if (hasReqs) {
            ToolStep.run(ctx, "pip", pip + " -r requirements.txt");
            ran = true;
        }
        if (!requirements.isEmpty()) {
            ToolStep.run(ctx, "pip", pip + " " + ToolStep.quoteAll(requirements));
            ran = true;
        }
        if (hasPackage) {
            ToolStep.run(ctx, "pip", pip + " .");
            ran = true;
        }
        ctx.dependencies(ran ? Dependencies.INSTALLED : Dependencies.NONE, hash);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The python a virtualenv is made from, with its version. */
    record Python(String path, String version) {
        static Python select(BuildContext ctx) {
            Optional<String> wanted = Optional.ofNullable(ctx.service().config().get("python_version")).map(Object::toString);
            List<String> candidates = new ArrayList<>();
            wanted.map(w -> w.replaceFirst("^v", "").replaceFirst("\\.x$", "")).filter(w -> w.matches("\\d+\\.\\d+"))
                    .ifPresent(w -> candidates.add("/usr/bin/python" + w));
            candidates.add("/usr/bin/python3");
            String path = candidates.stream().filter(c -> Files.isExecutable(Path.of(c))).findFirst().orElse("python3");
            String version = realName(path);
            if (wanted.isPresent() && !candidates.get(0).equals(path)) {
                ctx.warn("config.python_version " + wanted.get() + " is not installed; using " + version + " (" + path + ")");
            }
            return new Python(path, version);
        }

        /** {@code /usr/bin/python3} → {@code python3.11}: what the link points to names the version. */
        private static String realName(String path) {
            try {
                return Path.of(path).toRealPath().getFileName().toString();
            } catch (IOException e) {
                return path;
            }
        }
    }
}
