package steward.compat.ctl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Lines from a stdin that is not a terminal: the prompt is printed, as Python's input() does. */
final class PlainLines implements LineSource {
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    PlainLines(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** Python's getpass without a terminal: its warning and prompt on stderr, the line read from stdin. */
    @Override
    public String readSecret(String prompt) throws IOException {
        err.print("Warning: Password input may be echoed.\n" + prompt);
        err.flush();
        String line = read("");
        err.print("\n");
        err.flush();
        return line;
    }

    @Override
    public String read(String prompt) throws IOException {
        out.print(prompt);
        out.flush();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
