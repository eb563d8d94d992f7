package steward.agent.engine;

/** Python's repr() of a str, for messages Supervisor builds with %r. */
final class PyRepr {
    private PyRepr() {
    }

    static String of(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder b = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c == quote) {
                        b.append('\\');
                    }
                    b.append(c);
                }
            }
        }
        return b.append(quote).toString();
    }
}
