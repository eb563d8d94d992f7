package steward.compat.config;

/** Small pieces of Python semantics that Supervisor's messages and conversions rely on. */
final class Py {
    private Py() {
    }

    /** Python's {@code str.isspace()} for one character (close enough for config text). */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u001c' || c == '\u001d'
                || c == '\u001e' || c == '\u001f' || c == '\u0085';
    }

    /** Python's {@code str.strip()}. */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Python's {@code str.rstrip()}. */
    static String rstrip(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Python's {@code repr()} of a str: single quotes unless only double quotes avoid escaping. */
    static String repr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else if (c >= 0x80 && !printable(s.codePointAt(i))) {
                int cp = s.codePointAt(i);
                out.append(cp <= 0xff ? String.format("\\x%02x", cp)
                        : cp <= 0xffff ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp));
                i += Character.charCount(cp) - 1;
            } else {
                out.append(c);
            }
        }
        return out.append(quote).toString();
    }

    /** Python's {@code str.isprintable} for one code point past ASCII: not Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs. */
    private static boolean printable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /**
     * Python's {@code int(text, base)} for base 10 or 8: surrounding whitespace, a sign, underscores
     * between digits and (base 8) an optional {@code 0o} prefix are accepted.
     *
     * @throws NumberFormatException when Python would raise ValueError, or the value overflows a long
     */
    static long parseInt(String text, int base) {
        String s = strip(text);
        int i = 0;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        boolean allowUnderscore = false;
        if (base == 8 && s.length() - i >= 2 && s.charAt(i) == '0' && (s.charAt(i + 1) == 'o' || s.charAt(i + 1) == 'O')) {
            i += 2;
            allowUnderscore = true;
        }
        if (i >= s.length()) {
            throw new NumberFormatException(text);
        }
        long value = 0;
        boolean lastWasDigit = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_') {
                if (!lastWasDigit && !allowUnderscore) {
                    throw new NumberFormatException(text);
                }
                lastWasDigit = false;
                allowUnderscore = false;
                continue;
            }
            int digit = Character.digit(c, 10);
            if (digit < 0 || digit >= base || !Character.isDigit(c)) {
                throw new NumberFormatException(text);
            }
            value = Math.addExact(Math.multiplyExact(value, base), digit);
            lastWasDigit = true;
            allowUnderscore = false;
        }
        if (!lastWasDigit) {
            throw new NumberFormatException(text);
        }
        return negative ? -value : value;
    }
}
