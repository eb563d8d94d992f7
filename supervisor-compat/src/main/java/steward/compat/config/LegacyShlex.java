package steward.compat.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Python's {@code shlex.shlex(s)} in legacy (non-POSIX) mode, with the extra word characters
 * {@code /.+-():} Supervisor 4.2.5 adds for {@code environment=}: quoted tokens keep their quotes,
 * {@code #} starts a comment, any other punctuation is a one-character token.
 */
final class LegacyShlex {
    private static final String WORD_CHARS =
            "abcdfeghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_/.+-():";
    private static final String WHITESPACE = " \t\r\n";
    private static final String QUOTES = "'\"";

    private final String input;
    private int pos;
    private final Deque<String> pushback = new ArrayDeque<>();

    private LegacyShlex(String input) {
        this.input = input;
    }

    /** All tokens, as {@code list(shlex.shlex(s))} with Supervisor's word characters. */
    static List<String> tokens(String input) {
        LegacyShlex lexer = new LegacyShlex(input);
        List<String> tokens = new ArrayList<>();
        for (String t = lexer.next(); !t.isEmpty(); t = lexer.next()) {
            tokens.add(t);
        }
        return tokens;
    }

    private int read() {
        return pos < input.length() ? input.charAt(pos++) : -1;
    }

    private void skipLine() {
        while (pos < input.length() && input.charAt(pos++) != '\n') {
            // readline()
        }
    }

    private String next() {
        if (!pushback.isEmpty()) {
            return pushback.pop();
        }
        StringBuilder token = new StringBuilder();
        char state = ' ';
        while (true) {
            int c = read();
            if (state == ' ') {
                if (c < 0) {
                    return token.toString();
                } else if (WHITESPACE.indexOf(c) >= 0) {
                    if (token.length() > 0) {
                        return token.toString();
                    }
                } else if (c == '#') {
                    skipLine();
                } else if (WORD_CHARS.indexOf(c) >= 0) {
                    token.append((char) c);
                    state = 'a';
                } else if (QUOTES.indexOf(c) >= 0) {
                    token.append((char) c);
                    state = (char) c;
                } else {
                    token.append((char) c);
                    return token.toString();
                }
            } else if (state == 'a') {
                if (c < 0 || WHITESPACE.indexOf(c) >= 0) {
                    return token.toString();
                } else if (c == '#') {
                    skipLine();
                } else if (WORD_CHARS.indexOf(c) >= 0 || QUOTES.indexOf(c) >= 0) {
                    token.append((char) c);
                } else {
                    pushback.push(String.valueOf((char) c));
                    return token.toString();
                }
            } else {
                if (c < 0) {
                    throw new IllegalArgumentException("No closing quotation");
                }
                token.append((char) c);
                if (c == state) {
                    return token.toString();
                }
            }
        }
    }
}
