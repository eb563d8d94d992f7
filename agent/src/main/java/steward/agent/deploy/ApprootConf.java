package steward.agent.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import steward.builder.ReleaseView;
import steward.builder.manifest.ServiceType;
import steward.builder.program.ServicePrograms;
import steward.compat.config.ConfError;
import steward.compat.config.ConfParser;

/**
 * The approot's own {@code supervisord.conf} through the parser the agent runs it with, so an
 * error names the user's file and line, never the generated {@code .steward/agent/supervisord.conf}
 * the agent parses (where the user's lines sit after the stack's, with log lines added). The file is
 * parsed in a scratch copy with a {@code [supervisord]} header added after its last line (its own
 * lines keep their numbers).
 */
public final class ApprootConf {
    private static final Pattern DAEMON_SECTION = Pattern.compile("(?m)^\\s*\\[supervisord\\]");

    private ApprootConf() {
    }

    /**
     * @param conf the file to parse
     * @param env the variables its {@code %(ENV_x)s} expansions see
     * @param shownAs how the error names the file (the user's path for it)
     * @return the first error, named {@code shownAs:LINE: …}; empty when it parses
     */
    public static Optional<ConfError> check(Path conf, Map<String, String> env, Path shownAs) throws IOException {
        Path scratch = Files.createTempFile("steward-check-", ".conf");
        try {
            String text = Files.readString(conf, StandardCharsets.UTF_8);
            Files.writeString(scratch, DAEMON_SECTION.matcher(text).find() ? text : text + "\n[supervisord]\n",
                    StandardCharsets.UTF_8);
            ConfParser.parse(scratch, env, "check");
            return Optional.empty();
        } catch (ConfError e) {
            return Optional.of(scratch.toString().equals(e.file())
                    ? new ConfError(shownAs, e.line(), e.section(), e.key(), e.reason()) : e);
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    /**
     * A release's approot {@code supervisord.conf} (none for {@code custom}, which does not read it),
     * named as in the pushed tree ({@code www/supervisord.conf}, {@code supervisord.conf} for approot
     * {@code .}); empty when the release has none or it parses.
     */
    public static Optional<ConfError> check(ReleaseView view, Map<String, String> env) throws IOException {
        String approot = view.metadata().approot();
        Path conf = view.release().dir().resolve(approot).resolve(ServicePrograms.FRAGMENT).normalize();
        if (ServiceType.CUSTOM.wireName().equals(view.metadata().type()) || !Files.isRegularFile(conf)) {
            return Optional.empty();
        }
        return check(conf, env, Path.of(approot).resolve(ServicePrograms.FRAGMENT).normalize());
    }
}
