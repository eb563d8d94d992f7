package steward.agent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import steward.builder.Builder;
import steward.builder.env.RuntimeEnvironment;
import steward.builder.env.ServiceEnvironment;
import steward.builder.manifest.BuildManifest;
import steward.builder.manifest.ManifestException;
import steward.builder.manifest.ManifestParser;
import steward.builder.manifest.ServiceSpec;
import steward.builder.manifest.ServiceType;
import steward.builder.program.LogFiles;
import steward.builder.program.ServicePrograms;
import steward.compat.config.ConfError;
import steward.agent.cron.CrontabParser;
import steward.agent.deploy.ApprootConf;

/**
 * What {@code deploy --check} runs beyond the listing: each code service's approot
 * {@code supervisord.conf} through the parser the agent runs it with (errors name the user's file
 * and line, never the generated one), its {@code crontab} through cron's parser, its PHP files
 * through {@code php -l} ({@link PhpLint}), and
 * {@link Builder#checkStack} ({@code nginx -t} and {@code php-fpm -t} on the files the tree would get).
 */
final class DeployChecks {
    /** The approot crontab the agent runs (HOME/current/crontab). */
    private static final String CRONTAB = "crontab";

    private DeployChecks() {
    }

    /** One line per problem ({@code FILE:LINE: …}); empty when the tree passes. */
    static List<String> run(Builder builder, Path tree) throws ManifestException, IOException {
        List<String> problems = new ArrayList<>();
        BuildManifest manifest = new ManifestParser().parseTree(tree);
        for (ServiceSpec s : manifest.services()) {
            Path conf = manifest.tree().resolve(s.approot()).resolve(ServicePrograms.FRAGMENT);
            if (s.type().isCode() && s.type() != ServiceType.CUSTOM && Files.isRegularFile(conf)) {
                Map<String, String> env = new LinkedHashMap<>(RuntimeEnvironment.merge(builder.config().baseEnvironment(),
                        builder.config().home(), ServiceEnvironment.of(s, "check", builder.config().publicHost()), List.of()));
                env.put(LogFiles.LOG_DIR_VARIABLE, builder.config().logDir().toString());
                supervisord(conf, env).ifPresent(problems::add);
            }
        }
        for (ServiceSpec s : manifest.services()) {
            Path crontab = manifest.tree().resolve(s.approot()).resolve(CRONTAB);
            if (s.type().isCode() && Files.isRegularFile(crontab)) {
                CrontabParser.parse(crontab.toString(), Files.readString(crontab)).errors()
                        .forEach(e -> problems.add(e.toString()));
            }
            if (s.type() == ServiceType.PHP || s.type() == ServiceType.PHP_WORKER) {
                try {
                    problems.addAll(PhpLint.check(manifest.tree().toAbsolutePath().resolve(s.approot()).normalize()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        builder.checkStack(tree).forEach(p -> problems.add(p.toString()));
        return problems;
    }

    static Optional<String> supervisord(Path conf, Map<String, String> env) throws IOException {
        return ApprootConf.check(conf, env, conf).map(ConfError::getMessage);
    }
}
