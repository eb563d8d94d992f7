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

    PlainLines(InputStream in, PrintStream out) {
        this.in = in;
        this.out = out;
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
