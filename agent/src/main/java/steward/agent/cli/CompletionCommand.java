package steward.agent.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code steward completion [bash|zsh]}: the shell completion script, made by picocli's AutoComplete
 * from the command tree (every command, option and ctl action). The same script serves zsh through
 * its bash-completion emulation (bashcompinit), which the script turns on itself under zsh.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print the shell completion script for bash or zsh.",
                "bash: source <(steward completion bash), or save it as /etc/bash_completion.d/steward;"
                        + " zsh: source <(steward completion zsh) in ~/.zshrc."})
public final class CompletionCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "SHELL", defaultValue = "bash", completionCandidates = Shells.class,
            description = "bash or zsh (default: ${DEFAULT-VALUE})")
    String shell;

    @Spec
    CommandSpec spec;

    /** The shells there is a script for. */
    static final class Shells implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.List.of("bash", "zsh").iterator();
        }
    }

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            spec.commandLine().getErr().println("steward completion: no script for '" + shell + "' (bash or zsh)");
            return 2;
        }
        spec.commandLine().getOut().print(script(spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }

    static String script(picocli.CommandLine root) {
        return AutoComplete.bash("steward", root);
    }
}
