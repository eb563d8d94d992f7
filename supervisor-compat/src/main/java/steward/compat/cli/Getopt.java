package steward.compat.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Python getopt's rules, which supervisord's and supervisorctl's command lines follow: short flags
 * may be grouped ({@code -nk}), a short option's value is attached or the next word ({@code -cFILE},
 * {@code -c FILE}), long options take {@code --name=value} or {@code --name value}, and the options
 * end at the first operand or {@code --} (so {@code ctl tail -f prog} leaves {@code -f} to the
 * action). Used for the daemon commands, whose process should not carry picocli's reflection for its
 * whole life (measured 3.2 MB of RSS), and for {@code ctl}, which should start fast.
 */
public final class Getopt {
    /** Thrown for an unknown option or a missing value, with getopt's message. */
    public static final class BadOption extends Exception {
        public BadOption(String message) {
            super(message, null, false, false);
        }
    }

    /** Parsed options by {@link Opt#key()}, "" for flags; and the operands from the first one on. */
    public record Parsed(Map<String, String> options, List<String> operands) {
        public boolean has(String key) {
            return options.containsKey(key);
        }

        public Optional<String> value(String key) {
            return Optional.ofNullable(options.get(key));
        }
    }

    private final List<Opt> opts;

    public Getopt(List<Opt> opts) {
        this.opts = List.copyOf(opts);
    }

    public List<Opt> options() {
        return opts;
    }

    public Parsed parse(List<String> args) throws BadOption {
        Map<String, String> options = new LinkedHashMap<>();
        int i = 0;
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                i++;
                break;
            }
            if (!a.startsWith("-") || a.length() == 1) {
                break;
            }
            if (a.startsWith("--")) {
                i = parseLong(args, i, options);
            } else {
                i = parseShort(args, i, options);
            }
        }
        return new Parsed(options, List.copyOf(args.subList(Math.min(i, args.size()), args.size())));
    }

    private int parseLong(List<String> args, int i, Map<String, String> options) throws BadOption {
        String a = args.get(i);
        int eq = a.indexOf('=');
        String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
        Opt o = byName(name);
        if (!o.hasValue()) {
            if (eq >= 0) {
                throw new BadOption("option --" + name + " must not have an argument");
            }
            options.put(o.key(), "");
        } else if (eq >= 0) {
            options.put(o.key(), a.substring(eq + 1));
        } else if (i + 1 < args.size()) {
            options.put(o.key(), args.get(++i));
        } else {
            throw new BadOption("option --" + name + " requires argument");
        }
        return i;
    }

    private int parseShort(List<String> args, int i, Map<String, String> options) throws BadOption {
        String a = args.get(i);
        for (int j = 1; j < a.length(); j++) {
            Opt o = byLetter(a.charAt(j));
            if (!o.hasValue()) {
                options.put(o.key(), "");
                continue;
            }
            if (j + 1 < a.length()) {
                options.put(o.key(), a.substring(j + 1));
            } else if (i + 1 < args.size()) {
                options.put(o.key(), args.get(++i));
            } else {
                throw new BadOption("option -" + o.letter() + " requires argument");
            }
            break;
        }
        return i;
    }

    private Opt byName(String name) throws BadOption {
        for (Opt o : opts) {
            if (name.equals(o.name())) {
                return o;
            }
        }
        throw new BadOption("option --" + name + " not recognized");
    }

    private Opt byLetter(char c) throws BadOption {
        for (Opt o : opts) {
            if (o.letter() == c) {
                return o;
            }
        }
        throw new BadOption("option -" + c + " not recognized");
    }
}
