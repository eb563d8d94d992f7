package steward.compat.ctl;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small line editor on the terminal, in place of readline: the terminal is put in
 * non-canonical, no-echo, no-signal mode with {@code stty} while a line is edited (and put back
 * while a command runs, so Ctrl-C interrupts {@code tail -f}). Keys: printable text, Backspace,
 * Delete, Left/Right, Home/End (and Ctrl-A/Ctrl-E), Up/Down through the history, Ctrl-U/Ctrl-K/Ctrl-W,
 * Tab to complete (the common part; the choices on a second Tab), Ctrl-C to leave, Ctrl-D on an
 * empty line for end of input. The history is read from and written to {@code history_file}.
 */
final class TerminalLines implements LineSource {
    private static final int HISTORY_MAX = 1000;

    private final InputStream in;
    private final PrintStream out;
    private final Optional<Path> historyFile;
    private final Completion completion;
    private final String saved;
    private final List<String> history = new ArrayList<>();

    TerminalLines(InputStream in, PrintStream out, Optional<Path> historyFile, Completion completion, String saved) {
        this.in = in;
        this.out = out;
        this.historyFile = historyFile;
        this.completion = completion;
        this.saved = saved;
        historyFile.filter(Files::isReadable).ifPresent(f -> {
            try {
                history.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            } catch (IOException e) {
                // as readline: an unreadable history is no history
            }
        });
    }

    /** The editor, or empty when {@code stty} cannot read the terminal's settings. */
    static Optional<TerminalLines> open(InputStream in, PrintStream out, Optional<Path> historyFile, Completion completion) {
        try {
            return Optional.of(new TerminalLines(in, out, historyFile, completion, stty("-g").strip()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String read(String prompt) throws IOException {
        return read(prompt, false);
    }

    @Override
    public String readSecret(String prompt) throws IOException {
        return read(prompt, true);
    }

    private String read(String prompt, boolean secret) throws IOException {
        Thread.interrupted(); // a Ctrl-C that ended the last command is spent
        completion.reset();
        stty("-icanon", "-echo", "-isig", "min", "1", "time", "0");
        try {
            return edit(prompt, secret);
        } finally {
            stty(saved);
        }
    }

    /** Edits one line on a terminal already in raw mode (tests drive it with bytes). */
    String edit(String prompt, boolean secret) throws IOException {
        StringBuilder buf = new StringBuilder();
        int cursor = 0;
        int at = history.size();
        String pending = "";
        boolean tabbedBefore = false;
        out.print(prompt);
        out.flush();
        while (true) {
            int c = readChar();
            if (secret && (c == '\t' || c == 27)) {
                continue;
            }
            boolean tab = false;
            String drawn = null; // what shows this key's change in place; null: redraw the line
            switch (c) {
                case -1: // the terminal went away
                    return buf.length() == 0 ? null : buf.toString();
                case 3: // Ctrl-C
                    out.print("\n");
                    throw new Interrupted();
                case 4: // Ctrl-D
                    if (buf.length() == 0) {
                        return null;
                    }
                    if (cursor < buf.length()) {
                        buf.deleteCharAt(cursor);
                    }
                    break;
                case '\r':
                case '\n':
                    out.print("\r\n");
                    out.flush();
                    String line = buf.toString();
                    if (!secret && !Shell.strip(line).isEmpty() && (history.isEmpty() || !history.get(history.size() - 1).equals(line))) {
                        history.add(line);
                    }
                    return line;
                case 127:
                case 8:
                    if (cursor > 0) {
                        boolean atEnd = cursor == buf.length();
                        char gone = buf.charAt(--cursor);
                        buf.deleteCharAt(cursor);
                        drawn = atEnd && gone >= 32 && gone < 127 ? "\b \b" : null;
                    } else {
                        drawn = "";
                    }
                    break;
                case 1:
                    cursor = 0;
                    break;
                case 5:
                    cursor = buf.length();
                    break;
                case 11:
                    buf.setLength(cursor);
                    break;
                case 21:
                    buf.delete(0, cursor);
                    cursor = 0;
                    break;
                case 23: {
                    int start = cursor;
                    while (start > 0 && buf.charAt(start - 1) == ' ') {
                        start--;
                    }
                    while (start > 0 && buf.charAt(start - 1) != ' ') {
                        start--;
                    }
                    buf.delete(start, cursor);
                    cursor = start;
                    break;
                }
                case '\t': {
                    tab = true;
                    String before = buf.substring(0, cursor);
                    String word = before.substring(before.lastIndexOf(' ') + 1);
                    List<String> matches = completion.matches(before, word);
                    String common = commonPrefix(matches);
                    if (common.length() > word.length()) {
                        buf.insert(cursor, common.substring(word.length()));
                        cursor += common.length() - word.length();
                    } else if (matches.size() > 1 && tabbedBefore) {
                        out.print("\r\n" + String.join(" ", matches).replace("  ", " ") + "\r\n");
                    } else if (matches.size() != 1) {
                        out.print("\007");
                    }
                    break;
                }
                case 27: {
                    int k = escape();
                    if (k == 'A' || k == 'B') {
                        if (at == history.size()) {
                            pending = buf.toString();
                        }
                        at = k == 'A' ? Math.max(0, at - 1) : Math.min(history.size(), at + 1);
                        buf.setLength(0);
                        buf.append(at == history.size() ? pending : history.get(at));
                        cursor = buf.length();
                    } else if (k == 'C') {
                        drawn = cursor < buf.length() ? "\033[C" : "";
                        cursor = cursor < buf.length() ? buf.offsetByCodePoints(cursor, 1) : cursor;
                    } else if (k == 'D') {
                        drawn = cursor > 0 ? "\033[D" : "";
                        cursor = cursor > 0 ? buf.offsetByCodePoints(cursor, -1) : 0;
                    } else if (k == 'H') {
                        cursor = 0;
                    } else if (k == 'F') {
                        cursor = buf.length();
                    } else if (k == '3' && cursor < buf.length()) {
                        buf.deleteCharAt(cursor);
                    }
                    break;
                }
                default:
                    if (c >= 32) {
                        buf.insert(cursor, Character.toChars(c));
                        cursor += Character.charCount(c);
                        drawn = inserted(buf, cursor, c);
                    }
            }
            tabbedBefore = tab;
            if (secret) {
                continue;
            }
            if (drawn == null) {
                redraw(prompt, buf, cursor);
            } else if (!drawn.isEmpty()) {
                out.print(drawn);
                out.flush();
            }
        }
    }

    /**
     * What shows a character just inserted before {@code cursor}: itself at the end of the line (a
     * paste writes each character once), else itself and the rest of the line, then back to the cursor.
     */
    private static String inserted(StringBuilder buf, int cursor, int c) {
        String ch = new String(Character.toChars(c));
        if (cursor == buf.length()) {
            return ch;
        }
        return ch + buf.substring(cursor) + "\033[" + buf.codePointCount(cursor, buf.length()) + "D";
    }

    private void redraw(String prompt, StringBuilder buf, int cursor) {
        StringBuilder s = new StringBuilder("\r").append(prompt).append(buf).append("\033[K");
        int back = buf.codePointCount(cursor, buf.length());
        if (back > 0) {
            s.append("\033[").append(back).append('D');
        }
        out.print(s);
        out.flush();
    }

    /** After ESC: the final letter of {@code [A}…{@code [D}, {@code [H}/{@code [F}/{@code OH}/{@code OF}, '3' for Delete. */
    private int escape() throws IOException {
        int b = in.read();
        if (b != '[' && b != 'O') {
            return -1;
        }
        int k = in.read();
        if (k >= '0' && k <= '9') {
            int n = k;
            while (k >= '0' && k <= '9' || k == ';') {
                k = in.read();
            }
            return n == '1' || n == '7' ? 'H' : n == '4' || n == '8' ? 'F' : n;
        }
        return k;
    }

    /** One character of UTF-8 input, or -1 at end of input. */
    private int readChar() throws IOException {
        int b = in.read();
        if (b < 0x80) {
            return b;
        }
        int extra = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : 1;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(b);
        for (int i = 0; i < extra; i++) {
            bytes.write(in.read());
        }
        return bytes.toString(StandardCharsets.UTF_8).codePointAt(0);
    }

    private static String commonPrefix(List<String> words) {
        if (words.isEmpty()) {
            return "";
        }
        String p = words.get(0);
        for (String w : words) {
            int i = 0;
            while (i < p.length() && i < w.length() && p.charAt(i) == w.charAt(i)) {
                i++;
            }
            p = p.substring(0, i);
        }
        return p;
    }

    @Override
    public void close() throws IOException {
        stty(saved);
        if (historyFile.isPresent()) {
            List<String> kept = history.subList(Math.max(0, history.size() - HISTORY_MAX), history.size());
            try {
                Files.write(historyFile.get(), kept, StandardCharsets.UTF_8);
            } catch (IOException e) {
                // as supervisorctl: a history that cannot be written is not an error
            }
        }
    }

    /** Runs stty on the controlling terminal; its output. */
    private static String stty(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("stty"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(new File("/dev/tty")).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException("stty " + String.join(" ", args) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return text;
    }
}
