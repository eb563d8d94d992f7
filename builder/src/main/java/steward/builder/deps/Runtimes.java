package steward.builder.deps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The version line of an installed runtime ({@code ruby --version}…), part of a dependency hash. */
final class Runtimes {
    private Runtimes() {
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
