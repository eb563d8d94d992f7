package steward.builder.deps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The version line of an installed runtime ({@code ruby --version}…), part of a dependency hash. */
final class Runtimes {
    private Runtimes() {
    }

    /**
     * Warns once, naming both, when {@code config.<key>} asks for a version the installed runtime is
     * not (dotCloud's ruby 1.9/REE, perl 5.12–5.16: only Debian's are here), as for node_version.
     */
    static void checkWanted(steward.builder.step.BuildContext ctx, String key, String command) {
        Object wanted = ctx.service().config().get(key);
        if (wanted == null) {
            return;
        }
        String installed = version(command);
        String w = wanted.toString().trim().replaceFirst("^v", "").replaceFirst("\\.x$", "");
        if (!installed.replaceFirst("^v", "").replaceFirst("^ruby ", "").startsWith(w)) {
            ctx.warn("config." + key + " " + wanted + " is not installed; using " + installed);
        }
    }

    static String version(String command) {
        String[] argv = command.equals("perl") ? new String[] {"perl", "-e", "print $^V"} : new String[] {command, "--version"};
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse(command);
        } catch (IOException e) {
            return command + " (not found)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return command;
        }
    }
}
