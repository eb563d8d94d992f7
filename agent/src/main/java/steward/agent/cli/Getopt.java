package steward.agent.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Python getopt's rules, which supervisord's own command line follows: short flags may be grouped
 * ({@code -nk}), a short option's value is attached or the next word ({@code -cFILE}, {@code -c
 * FILE}), long options take {@code --name=value} or {@code --name value}. Used for the daemon
 * commands, whose process should not carry picocli's reflection for its whole life (measured
 * 3.2 MB of RSS).
 */
final class Getopt {
    /** One option: its short letter (or 0), long name (or null), and whether it takes a value. */
    record Spec(char letter, String name, boolean hasValue) {
    }

    /** Thrown for an unknown option or a missing value, with getopt's message. */
    static final class BadOption extends Exception {
        BadOption(String message) {
            super(message, null, false, false);
        }
    }

    /** Parsed options by long name (or letter), "" for flags; and the remaining operands. */
    record Parsed(Map<String, String> options, List<String> operands) {
        boolean has(String name) {
            return options.containsKey(name);
        }

        Optional<String> value(String name) {
            return Optional.ofNullable(options.get(name));
        }
    }

    private final List<Spec> specs;

    Getopt(List<Spec> specs) {
        this.specs = List.copyOf(specs);
    }

    Parsed parse(List<String> args) throws BadOption {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                operands.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
                Spec s = byName(name);
                if (!s.hasValue()) {
                    if (eq >= 0) {
                        throw new BadOption("option --" + name + " must not have an argument");
                    }
                    options.put(key(s), "");
                } else if (eq >= 0) {
                    options.put(key(s), a.substring(eq + 1));
                } else if (i + 1 < args.size()) {
                    options.put(key(s), args.get(++i));
                } else {
                    throw new BadOption("option --" + name + " requires argument");
                }
            } else if (a.startsWith("-") && a.length() > 1) {
                for (int j = 1; j < a.length(); j++) {
                    Spec s = byLetter(a.charAt(j));
                    if (!s.hasValue()) {
                        options.put(key(s), "");
                        continue;
                    }
                    if (j + 1 < a.length()) {
                        options.put(key(s), a.substring(j + 1));
                    } else if (i + 1 < args.size()) {
                        options.put(key(s), args.get(++i));
                    } else {
                        throw new BadOption("option -" + s.letter() + " requires argument");
                    }
                    break;
                }
            } else {
                operands.add(a);
            }
        }
        return new Parsed(options, operands);
    }

    private static String key(Spec s) {
        return s.name() != null ? s.name() : String.valueOf(s.letter());
    }

    private Spec byName(String name) throws BadOption {
        for (Spec s : specs) {
            if (name.equals(s.name())) {
                return s;
            }
        }
        throw new BadOption("option --" + name + " not recognized");
    }

    private Spec byLetter(char c) throws BadOption {
        for (Spec s : specs) {
            if (s.letter() == c) {
                return s;
            }
        }
        throw new BadOption("option -" + c + " not recognized");
    }
}
