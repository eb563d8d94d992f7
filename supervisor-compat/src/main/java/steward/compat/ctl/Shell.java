package steward.compat.ctl;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * supervisorctl's command interpreter (its {@code cmd.Cmd} Controller): one line is one command, read
 * as Python's {@code cmd} reads it (leading identifier characters name the command, {@code ?} is
 * help, the rest split on whitespace). Runs a single command for {@code steward ctl CMD…} and the
 * shell for {@code steward ctl}: {@code status} first, then a prompt per line, {@code help},
 * {@code open}, {@code fg}, {@code quit}/{@code exit}/end of input; the shell's exit status is 0.
 */
final class Shell {
    /** The command names supervisorctl completes, in its order. */
    static final List<String> VOCAB = List.of("help", "add", "avail", "clear", "exit", "fg", "maintail", "open", "pid",
            "quit", "reload", "remove", "reread", "restart", "shutdown", "signal", "start", "status", "stop", "tail",
            "update", "version");

    private String url;
    private String username;
    private String password;
    private final PrintStream out;
    private LineSource lines;
    private boolean interactive;
    int exit = Session.SUCCESS;

    Shell(String url, String username, String password, PrintStream out) {
        this.url = url;
        this.username = username;
        this.password = password;
        this.out = out;
    }

    String url() {
        return url;
    }

    CtlClient client() {
        return new CtlClient(url, username, password);
    }

    /** The shell: status, then one command per line until quit, exit or end of input. */
    int loop(LineSource source, String prompt) {
        this.lines = source;
        this.interactive = true;
        try (source) {
            boolean stop = onecmd("status");
            while (!stop) {
                String line = source.read(prompt);
                stop = onecmd(line == null ? "EOF" : line);
            }
        } catch (LineSource.Interrupted e) {
            out.print("\n");
        } catch (IOException e) {
            out.print("\nerror: " + e.getMessage() + "\n");
        }
        out.flush();
        return Session.SUCCESS;
    }

    /** One command line; true when it ends the shell. */
    boolean onecmd(String raw) {
        String line = strip(raw);
        if (line.isEmpty()) {
            return false;
        }
        if (line.charAt(0) == '?') {
            line = "help " + line.substring(1);
        }
        int i = 0;
        while (i < line.length() && identChar(line.charAt(i))) {
            i++;
        }
        String cmd = line.substring(0, i);
        String arg = strip(line.substring(i));
        try {
            switch (cmd) {
                case "help":
                    help(arg);
                    return false;
                case "quit":
                case "exit":
                case "EOF":
                    out.print("\n");
                    out.flush();
                    return true;
                case "open":
                    open(arg);
                    return false;
                case "fg":
                    new Foreground(this, out).run(split(arg), lines);
                    return false;
                default:
                    if (cmd.isEmpty() || !Ctl.VERBS.containsKey(cmd)) {
                        unknown(line);
                        return false;
                    }
                    int status = Ctl.execute(cmd, split(arg), client(), out);
                    if (status == Ctl.AUTH_REQUIRED) {
                        status = Session.GENERIC;
                        if (interactive && askCredentials()) {
                            return onecmd(raw);
                        }
                    }
                    if (status != Session.SUCCESS) {
                        exit = status;
                    }
                    return false;
            }
        } finally {
            out.flush();
        }
    }

    /** In the shell, a 401 asks for a user name and password and runs the command again, as supervisorctl. */
    private boolean askCredentials() {
        try {
            String user = lines.read("Username:");
            String pass = user == null ? null : lines.readSecret("Password:");
            out.print("\n");
            if (pass == null) {
                return false;
            }
            username = user;
            password = pass;
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void unknown(String line) {
        out.print("*** Unknown syntax: " + line + "\n");
        exit = Session.GENERIC;
    }

    private void help(String topic) {
        if (topic.equals("help")) {
            out.print(Help.text("help").orElseThrow());
        } else {
            out.print(Help.text(topic).orElse("*** No help on " + topic + "\n"));
        }
    }

    /** {@code open URL}: talk to another server from now on, and show its status. */
    private void open(String arg) {
        if (!(arg.startsWith("unix:") || arg.startsWith("http:"))) {
            out.print("ERROR: url must be http:// or unix://\n");
            exit = Session.GENERIC;
            return;
        }
        url = arg;
        int kept = exit;
        if (Ctl.execute("status", List.of(), client(), out) == Ctl.AUTH_REQUIRED && interactive && askCredentials()) {
            Ctl.execute("status", List.of(), client(), out);
        }
        exit = kept;
    }

    /** Python's {@code str.split()}. */
    static List<String> split(String s) {
        List<String> words = new ArrayList<>();
        for (String w : strip(s).split("[\\s\\x1c-\\x1f]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && space(s.charAt(start))) {
            start++;
        }
        while (end > start && space(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean space(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
    }

    private static boolean identChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }
}
