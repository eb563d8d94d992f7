package steward.agent.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
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
import steward.compat.config.ConfParser;

/**
 * What {@code deploy --check} runs beyond the listing: each code service's approot
 * {@code supervisord.conf} through the parser the agent runs it with (errors name the user's file
 * and line, never the generated one), and {@link Builder#checkStack} ({@code nginx -t} and
 * {@code php-fpm -t} on the files the tree would get).
 */
final class DeployChecks {
    private static final Pattern DAEMON_SECTION = Pattern.compile("(?m)^\\s*\\[supervisord\\]");

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
        builder.checkStack(tree).forEach(p -> problems.add(p.toString()));
        return problems;
    }

    /**
     * Parses the user's file with a {@code [supervisord]} header added after its last line (so its
     * own lines keep their numbers) in a scratch copy; an error is reported against the user's file.
     */
    static Optional<String> supervisord(Path conf, Map<String, String> env) throws IOException {
        Path scratch = Files.createTempFile("steward-check-", ".conf");
        try {
            String text = Files.readString(conf, StandardCharsets.UTF_8);
            Files.writeString(scratch, DAEMON_SECTION.matcher(text).find() ? text : text + "\n[supervisord]\n",
                    StandardCharsets.UTF_8);
            ConfParser.parse(scratch, env, "check");
            return Optional.empty();
        } catch (ConfError e) {
            return Optional.of(scratch.toString().equals(e.file())
                    ? new ConfError(conf, e.line(), e.section(), e.key(), e.reason()).getMessage() : e.getMessage());
        } finally {
            Files.deleteIfExists(scratch);
        }
    }
}
