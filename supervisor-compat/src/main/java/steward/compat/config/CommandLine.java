package steward.compat.config;

import java.util.ArrayList;
import java.util.List;

/** Splits a command line the way Python's {@code shlex.split} does (POSIX mode, no comments). */
public final class CommandLine {
    private CommandLine() {
    }

    /** Thrown for an unbalanced quote or a trailing backslash; the message is Python's. */
    public static final class ParseException extends Exception {
        public ParseException(String message) {
            super(message, null, false, false);
        }
    }

    public static List<String> split(String s) throws ParseException {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char ch = s.charAt(i);
            if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (ch == '\\') {
                if (i + 1 >= n) {
                    throw new ParseException("No escaped character");
                }
                word.append(s.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (ch == '\'' || ch == '"') {
                inWord = true;
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = s.charAt(i);
                    if (c == ch) {
                        closed = true;
                        i++;
                        break;
                    }
                    if (ch == '"' && c == '\\' && i + 1 < n && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
                        word.append(s.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    word.append(c);
                    i++;
                }
                if (!closed) {
                    throw new ParseException("No closing quotation");
                }
            } else {
                word.append(ch);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
