package steward.compat.cli;

/**
 * One option of a getopt-parsed command (supervisord's, supervisorctl's, {@code steward run}'s): the
 * single definition its parser, its {@code -h} text, {@code steward help}, the man page and the shell
 * completion are all made from.
 *
 * @param letter the short option ({@code 'c'} for {@code -c}), or 0 for none
 * @param name the long option without dashes ({@code configuration}), or null for none
 * @param label the value's name in the help ({@code FILENAME}); null for a flag, which takes no value
 * @param description what it does; a {@code \n} starts a continuation line in the {@code -h} text
 * @param hidden accepted but left out of the help (internal, or kept for compatibility only)
 */
public record Opt(char letter, String name, String label, String description, boolean hidden) {
    public Opt {
        if (letter == 0 && name == null) {
            throw new IllegalArgumentException("an option needs a letter or a name");
        }
    }

    /** A flag: {@code -n/--nodaemon}. */
    public static Opt flag(char letter, String name, String description) {
        return new Opt(letter, name, null, description, false);
    }

    /** An option with a value: {@code -c/--configuration FILENAME}. */
    public static Opt value(char letter, String name, String label, String description) {
        return new Opt(letter, name, label, description, false);
    }

    /** The same option, accepted but not shown in any help. */
    public Opt hide() {
        return new Opt(letter, name, label, description, true);
    }

    public boolean hasValue() {
        return label != null;
    }

    /** The key its value is found under once parsed: the long name, else the letter. */
    public String key() {
        return name != null ? name : String.valueOf(letter);
    }

    /** Its spellings, short first: {@code -c}, {@code --configuration}. */
    public java.util.List<String> names() {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (letter != 0) {
            out.add("-" + letter);
        }
        if (name != null) {
            out.add("--" + name);
        }
        return out;
    }
}
