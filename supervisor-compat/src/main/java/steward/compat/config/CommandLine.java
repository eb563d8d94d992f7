package steward.compat.config;

import java.util.ArrayList;
import java.util.List;

/** Splits a {@code command=} line into argv as Supervisor does at spawn: Python's POSIX {@code shlex.split}. */
public final class CommandLine {
    private static final String WHITESPACE = " \t\r\n";

    private CommandLine() {
    }

    /**
     * The words of {@code command}: blanks separate words; single quotes keep everything literal;
     * double quotes keep everything but {@code \"} and {@code \\}; a backslash outside quotes escapes
     * the next character. No comments, no expansions.
     *
     * @throws IllegalArgumentException with Supervisor's spawn error text,
     *     {@code can't parse command 'x': No closing quotation} (or {@code No escaped character})
     */
    public static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        int i = 0;
        while (i < command.length()) {
            char c = command.charAt(i++);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (quote == '"' && c == '\\') {
                    if (i >= command.length()) {
                        throw bad(command, "No escaped character");
                    }
                    char next = command.charAt(i++);
                    if (next != '"' && next != '\\') {
                        token.append('\\');
                    }
                    token.append(next);
                } else {
                    token.append(c);
                }
            } else if (WHITESPACE.indexOf(c) >= 0) {
                if (inWord) {
                    words.add(token.toString());
                    token.setLength(0);
                    inWord = false;
                }
            } else {
                inWord = true;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\') {
                    if (i >= command.length()) {
                        throw bad(command, "No escaped character");
                    }
                    token.append(command.charAt(i++));
                } else {
                    token.append(c);
                }
            }
        }
        if (quote != 0) {
            throw bad(command, "No closing quotation");
        }
        if (inWord) {
            words.add(token.toString());
        }
        return List.copyOf(words);
    }

    private static IllegalArgumentException bad(String command, String why) {
        return new IllegalArgumentException("can't parse command " + Py.repr(command) + ": " + why);
    }
}
