package steward.agent.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A man page (roff, {@code man(7)} macros) for {@code steward} or one of its commands, written from
 * the command tree {@link Cli} builds: the same names, options and words as {@code --help}.
 */
final class ManPage {
    private ManPage() {
    }

    /** The page's file name: {@code steward.1}, {@code steward-ctl.1}. */
    static String fileName(CommandSpec spec) {
        return pageName(spec) + ".1";
    }

    static String render(CommandSpec spec) {
        StringBuilder b = new StringBuilder();
        String name = pageName(spec);
        b.append(".TH ").append(name.toUpperCase(java.util.Locale.ROOT)).append(" 1 \"\" \"")
                .append(esc(StewardCommand.VERSION)).append("\" \"Steward Manual\"\n");
        String[] description = spec.usageMessage().description();
        b.append(".SH NAME\n").append(esc(name)).append(" \\- ").append(esc(first(description))).append('\n');
        b.append(".SH SYNOPSIS\n").append(synopsis(spec)).append('\n');
        b.append(".SH DESCRIPTION\n");
        paragraph(b, List.of(description));
        if (spec.usageMessage().footer().length > 0) {
            b.append(".PP\n");
            paragraph(b, List.of(spec.usageMessage().footer()));
        }
        List<OptionSpec> options = spec.options().stream().filter(o -> !o.hidden()).toList();
        if (!options.isEmpty()) {
            b.append(".SH OPTIONS\n");
            for (OptionSpec o : options) {
                b.append(".TP\n").append(optionHead(o)).append('\n');
                paragraph(b, List.of(described(o)));
            }
        }
        List<PositionalParamSpec> params = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!params.isEmpty()) {
            b.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : params) {
                b.append(".TP\n\\fI").append(esc(p.paramLabel())).append("\\fR\n");
                paragraph(b, List.of(described(p)));
            }
        }
        List<CommandLine> subs = visibleSubcommands(spec);
        if (!subs.isEmpty()) {
            b.append(".SH COMMANDS\n");
            for (CommandLine sub : subs) {
                CommandSpec s = sub.getCommandSpec();
                b.append(".TP\n\\fB").append(esc(s.name())).append("\\fR\n").append(esc(first(s.usageMessage().description())))
                        .append("\nSee \\fB").append(esc(pageName(s))).append("\\fR(1).\n");
            }
        }
        b.append(".SH SEE ALSO\n");
        if (spec.parent() != null) {
            b.append("\\fBsteward\\fR(1), ");
        }
        b.append("\\fBsupervisord\\fR(1), \\fBsupervisorctl\\fR(1)\n");
        return b.toString();
    }

    static List<CommandLine> visibleSubcommands(CommandSpec spec) {
        List<CommandLine> out = new ArrayList<>();
        for (CommandLine sub : spec.subcommands().values()) {
            if (!sub.getCommandSpec().usageMessage().hidden() && !out.contains(sub)) {
                out.add(sub);
            }
        }
        return out;
    }

    private static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    private static String synopsis(CommandSpec spec) {
        if (spec.userObject() instanceof GetoptCommand g) {
            return "\\fB" + esc(spec.qualifiedName()) + "\\fR " + esc(g.doc().synopsis());
        }
        CommandLine.Help help = new CommandLine.Help(spec,
                new CommandLine.Help.ColorScheme.Builder(CommandLine.Help.Ansi.OFF).build());
        String text = help.synopsis(0).strip().replaceAll("\\s*\n\\s*", " ");
        String cmd = spec.qualifiedName();
        return text.startsWith(cmd) ? "\\fB" + esc(cmd) + "\\fR" + esc(text.substring(cmd.length())) : esc(text);
    }

    private static String optionHead(OptionSpec o) {
        List<String> names = new ArrayList<>();
        for (String n : o.names()) {
            names.add("\\fB" + esc(n) + "\\fR");
        }
        String head = String.join(", ", names);
        return o.arity().max() > 0 ? head + " \\fI" + esc(o.paramLabel()) + "\\fR" : head;
    }

    /** The description as --help shows it: picocli's ${DEFAULT-VALUE} and ${COMPLETION-CANDIDATES} filled in. */
    private static String described(ArgSpec a) {
        String d = String.join(" ", a.description());
        String def = a.defaultValueString();
        d = d.replace("${DEFAULT-VALUE}", def == null ? "" : def);
        if (a.completionCandidates() != null) {
            List<String> c = new ArrayList<>();
            a.completionCandidates().forEach(c::add);
            d = d.replace("${COMPLETION-CANDIDATES}", String.join(", ", c));
        }
        return d;
    }

    private static void paragraph(StringBuilder b, List<String> lines) {
        for (String line : lines) {
            if (line.isBlank()) {
                b.append(".PP\n");
            } else {
                b.append(esc(line.strip())).append('\n');
            }
        }
    }

    private static String first(String[] lines) {
        return lines.length == 0 ? "" : lines[0];
    }

    /** roff's escapes: a backslash, a minus (not a hyphen), a control character at a line's start. */
    static String esc(String s) {
        String e = s.replace("\\", "\\e").replace("-", "\\-");
        return e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e;
    }
}
