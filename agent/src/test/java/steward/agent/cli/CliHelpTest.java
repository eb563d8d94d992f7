package steward.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import steward.agent.Main;

/**
 * Help everywhere, from one definition: {@code steward} alone is a usage error, every command answers
 * {@code -h} and {@code --help} (through {@code Main}, as the launcher enters it), {@code steward help X}
 * prints the same text, and each command's options are in its help, its man page and the completion
 * script. The commands come from the tree itself, so a new command is checked without a word here.
 */
class CliHelpTest {
    record Result(int code, String out, String err) {
    }

    static Result main(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static List<CommandSpec> commands() {
        List<CommandSpec> out = new ArrayList<>();
        ManPage.visibleSubcommands(Cli.commandLine().getCommandSpec()).forEach(c -> out.add(c.getCommandSpec()));
        return out;
    }

    @Test
    void stewardAloneIsAUsageErrorWithTheUsage() throws Exception {
        Result r = main();
        assertEquals(2, r.code);
        assertTrue(r.err.startsWith("Usage: steward"), r.err);
        assertEquals("", r.out);
    }

    @Test
    void everyCommandAnswersDashHAndDashDashHelpAndHelpCommandTheSame() throws Exception {
        assertTrue(commands().size() >= 8, "the tree: " + commands());
        for (CommandSpec c : commands()) {
            Result longForm = main(c.name(), "--help");
            assertEquals(0, longForm.code, c.name() + " --help: " + longForm.err);
            assertTrue(longForm.out.contains("steward " + c.name()), c.name() + " --help: " + longForm.out);
            Result shortForm = main(c.name(), "-h");
            assertEquals(0, shortForm.code, c.name() + " -h: " + shortForm.err);
            assertEquals(longForm.out, shortForm.out, c.name());
            Result help = main("help", c.name());
            assertEquals(0, help.code, "help " + c.name());
            assertEquals(longForm.out, help.out, "steward help " + c.name());
        }
        Result top = main("help");
        assertEquals(0, top.code);
        assertEquals(main("--help").out, top.out);
        Result unknown = main("help", "nope");
        assertEquals(2, unknown.code);
        assertTrue(unknown.err.contains("no command 'nope'"), unknown.err);
    }

    @Test
    void ctlHelpIsSupervisorctlsUsageNotAnOptionError() throws Exception {
        for (String h : List.of("-h", "--help")) {
            Result r = main("ctl", h);
            assertEquals(0, r.code, r.err);
            assertTrue(r.out.contains("Usage: steward ctl [options] [action [arguments]]"), r.out);
            assertTrue(r.out.contains("-s/--serverurl URL -- URL on which supervisord server is listening"), r.out);
        }
        Result bad = main("ctl", "-x");
        assertEquals(2, bad.code);
        assertEquals("Error: option -x not recognized\nFor help, use steward ctl -h\n", bad.err);
    }

    @Test
    void eachCommandsOptionsAreInItsHelpItsManPageAndTheCompletion() throws Exception {
        Map<String, String> pages = ManpagesCommand.all(Cli.commandLine());
        String completion = CompletionCommand.script(Cli.commandLine());
        String rootPage = plain(pages.get("steward.1"));
        String rootHelp = main("--help").out;
        for (CommandSpec c : commands()) {
            String help = main(c.name(), "--help").out;
            String page = plain(pages.get("steward-" + c.name() + ".1"));
            assertTrue(page.contains(".SH OPTIONS"), "steward-" + c.name() + ".1 has options");
            assertTrue(rootHelp.contains("  " + c.name() + " "), "steward --help lists " + c.name());
            assertTrue(rootPage.contains("\\fB" + c.name() + "\\fR"), "steward.1 lists " + c.name());
            assertTrue(completion.contains("function _picocli_steward_" + c.name() + "()"), "completion of " + c.name());
            for (OptionSpec o : c.options()) {
                if (o.hidden()) {
                    assertFalse(help.contains(o.longestName() + " "), c.name() + ": hidden " + o.longestName());
                    continue;
                }
                for (String name : o.names()) {
                    assertTrue(help.contains(name), c.name() + " --help lacks " + name + ":\n" + help);
                    assertTrue(page.contains(name), "steward-" + c.name() + ".1 lacks " + name);
                    assertTrue(completion.contains("'" + name + "'"), "completion of " + c.name() + " lacks " + name);
                }
                if (o.arity().max() > 0) {
                    assertTrue(page.contains(o.paramLabel()), "steward-" + c.name() + ".1 lacks " + o.paramLabel());
                }
                assertTrue(page.contains(plainText(o)), "steward-" + c.name() + ".1 lacks the words of " + o.longestName());
            }
        }
    }

    @Test
    void theGetoptParsersReadExactlyTheDocumentedOptions() throws Exception {
        CommandLine tree = Cli.commandLine();
        for (CommandLine sub : tree.getSubcommands().values()) {
            if (sub.getCommand() instanceof GetoptCommand g) {
                List<String> names = new ArrayList<>();
                sub.getCommandSpec().options().forEach(o -> names.addAll(List.of(o.names())));
                List<String> documented = new ArrayList<>();
                g.doc().options().forEach(o -> documented.addAll(o.names()));
                assertEquals(documented, names, sub.getCommandName());
            }
        }
    }

    private static String plainText(ArgSpec a) {
        String d = String.join(" ", a.description());
        int cut = d.indexOf("${");
        return (cut < 0 ? d : d.substring(0, cut)).strip();
    }

    /** A page's text with roff's minus escape undone. */
    private static String plain(String roff) {
        return roff.replace("\\-", "-").replace("\\e", "\\");
    }
}
