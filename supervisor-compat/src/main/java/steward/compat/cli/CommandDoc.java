package steward.compat.cli;

import java.util.List;
import java.util.Optional;

/**
 * A getopt-parsed command's one definition: its options (which its parser reads), and the words
 * around them. Its {@code -h} text is {@link #usage()}; {@code steward help}, the man page and the
 * shell completion are made from the same record.
 *
 * @param command the subcommand's name ({@code ctl})
 * @param summary one line: what it does
 * @param synopsis what follows the command name on the usage line ({@code [options] [action [arguments]]})
 * @param options every option its parser accepts, in the order the help lists them
 * @param operand the words after the options, if it takes any
 * @param notes lines printed after the options (may be empty)
 */
public record CommandDoc(String command, String summary, String synopsis, List<Opt> options, Optional<Operand> operand,
        List<String> notes) {
    public CommandDoc {
        options = List.copyOf(options);
        notes = List.copyOf(notes);
    }

    /**
     * What follows the options.
     *
     * @param label its name in the usage ({@code action [arguments]})
     * @param description what it is; {@code \n} continues on the next line
     * @param candidates the words a shell completes the first operand to (may be empty)
     */
    public record Operand(String label, String description, List<String> candidates) {
        public Operand {
            candidates = List.copyOf(candidates);
        }
    }

    /** A parser for exactly these options. */
    public Getopt getopt() {
        return new Getopt(options);
    }

    /** The {@code -h} text, in supervisord's style ({@code -c/--configuration FILENAME -- what it is}). */
    public String usage() {
        StringBuilder b = new StringBuilder();
        b.append("steward ").append(command).append(" -- ").append(summary).append("\n\n");
        b.append("Usage: steward ").append(command).append(' ').append(synopsis).append("\n\n");
        b.append("Options:\n");
        for (Opt o : options) {
            if (!o.hidden()) {
                item(b, String.join("/", o.names()) + (o.hasValue() ? " " + o.label() : ""), o.description());
            }
        }
        operand.ifPresent(op -> {
            b.append('\n');
            item(b, op.label(), op.description());
        });
        if (!notes.isEmpty()) {
            b.append('\n');
            notes.forEach(n -> b.append(n).append('\n'));
        }
        return b.toString();
    }

    /** The description as one paragraph (for a man page or a completion list). */
    public static String flat(String description) {
        return description.replaceAll("\\s*\n\\s*", " ");
    }

    private static void item(StringBuilder b, String head, String description) {
        String prefix = head + " -- ";
        String[] lines = description.split("\n", -1);
        b.append(prefix).append(lines[0].strip()).append('\n');
        for (int i = 1; i < lines.length; i++) {
            b.append(" ".repeat(prefix.length())).append(lines[i].strip()).append('\n');
        }
    }
}
