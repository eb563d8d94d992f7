package steward.agent.envfile;

import com.sun.jna.Native;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import steward.agent.os.Errno;
import steward.agent.os.LibC;

/**
 * {@code environment_file=}: dotenv files, read at each start of a program. Lines are
 * {@code KEY=VALUE}, optionally after {@code export }; blank lines and {@code #} lines are skipped;
 * an unquoted value is trimmed and ends at {@code " #"}; {@code 'single'} quotes are literal;
 * {@code "double"} quotes take {@code \n \t \r \\ \" \$} escapes. No variable expansion. A later
 * file (and a later line) wins over an earlier one. Only regular files of at most 1 MiB are read;
 * anything else (a FIFO, a device, a directory, a larger file, bytes that are not UTF-8) is an
 * {@link Unreadable} naming the file, which the engine makes that program's spawn error.
 */
public final class DotenvFile {
    /** A file that cannot be used; the message names its path (and line), as the spawn error shows it. */
    public static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /** The largest file read: 1 MiB. */
    public static final int MAX_BYTES = 1 << 20;

    private DotenvFile() {
    }

    /** The variables of {@code files}, in order. */
    public static Map<String, String> read(List<Path> files) throws Unreadable {
        Map<String, String> out = new LinkedHashMap<>();
        for (Path f : files) {
            parse(text(f), f.toString(), out);
        }
        return out;
    }

    /**
     * The text of one file, opened without blocking (a FIFO or a terminal never holds the caller,
     * which is the event loop), and only if it is a regular file of at most {@link #MAX_BYTES}
     * UTF-8 bytes: a bounded read of a local file.
     */
    private static String text(Path f) throws Unreadable {
        int fd = LibC.open(f.toString(), LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0);
        if (fd < 0) {
            int errno = Native.getLastError();
            throw new Unreadable("environment_file " + f + ": " + (errno == Errno.ENOENT ? "no such file"
                    : errno == Errno.EACCES ? "permission denied" : Errno.name(errno)));
        }
        try {
            BasicFileAttributes a = Files.readAttributes(Path.of("/proc/self/fd/" + fd), BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                throw new Unreadable("environment_file " + f + ": not a regular file ("
                        + (a.isDirectory() ? "a directory" : "a FIFO, socket or device") + ")");
            }
            byte[] buf = new byte[(int) Math.min(a.size() + 1, MAX_BYTES + 1)];
            byte[] chunk = new byte[Math.min(buf.length, 1 << 16)];
            int n = 0;
            while (n < buf.length) {
                long got = LibC.pread(fd, chunk, Math.min(chunk.length, buf.length - n), n);
                if (got < 0) {
                    throw new Unreadable("environment_file " + f + ": " + Errno.name(Native.getLastError()));
                }
                if (got == 0) {
                    break;
                }
                System.arraycopy(chunk, 0, buf, n, (int) got);
                n += (int) got;
            }
            if (n > MAX_BYTES) {
                throw new Unreadable("environment_file " + f + ": larger than " + MAX_BYTES / 1024 + " KiB");
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw new Unreadable("environment_file " + f + ": not UTF-8 text");
        } catch (IOException | RuntimeException e) {
            throw new Unreadable("environment_file " + f + ": " + e.getMessage());
        } finally {
            LibC.close(fd);
        }
    }

    /** Adds the variables of {@code text} (named {@code where} in errors) to {@code out}. */
    static void parse(String text, String where, Map<String, String> out) throws Unreadable {
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (n == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ") || line.startsWith("export\t")) {
                line = line.substring(7).strip();
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq).strip();
            if (eq < 0 || !key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new Unreadable(where + ":" + (n + 1) + ": expected KEY=VALUE, got " + quote(lines[n].strip()));
            }
            try {
                out.put(key, value(line.substring(eq + 1).strip()));
            } catch (IllegalArgumentException e) {
                throw new Unreadable(where + ":" + (n + 1) + ": " + key + ": " + e.getMessage());
            }
        }
    }

    private static String value(String v) {
        if (v.isEmpty()) {
            return v;
        }
        char q = v.charAt(0);
        if (q != '"' && q != '\'') {
            int comment = v.indexOf(" #");
            int tab = v.indexOf("\t#");
            int cut = comment < 0 ? tab : tab < 0 ? comment : Math.min(comment, tab);
            return cut < 0 ? v : v.substring(0, cut).strip();
        }
        StringBuilder b = new StringBuilder(v.length());
        int i = 1;
        for (; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == q) {
                break;
            }
            if (q == '"' && c == '\\' && i + 1 < v.length()) {
                char e = v.charAt(++i);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case '\\', '"', '$' -> b.append(e);
                    default -> b.append('\\').append(e);
                }
                continue;
            }
            b.append(c);
        }
        if (i >= v.length()) {
            throw new IllegalArgumentException("unterminated " + q + " quote");
        }
        String rest = v.substring(i + 1).strip();
        if (!rest.isEmpty() && !rest.startsWith("#")) {
            throw new IllegalArgumentException("unexpected text after the closing quote: " + quote(rest));
        }
        return b.toString();
    }

    private static String quote(String s) {
        return "'" + s + "'";
    }
}
