package steward.agent.container;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** Prints (source, line) pairs as {@code source | line}, the prefix padded and, on a terminal, coloured. */
public final class LogPrinter implements BiConsumer<String, String> {
    private static final int[] COLOURS = {36, 33, 32, 35, 34, 91, 92, 93, 94, 95, 96};

    private final PrintStream out;
    private final boolean colour;
    private final Map<String, Integer> assigned = new LinkedHashMap<>();
    private int width = 11;

    public LogPrinter(PrintStream out, boolean colour) {
        this.out = out;
        this.colour = colour;
    }

    @Override
    public synchronized void accept(String source, String line) {
        width = Math.max(width, source.length());
        String prefix = String.format("%-" + width + "s |", source);
        if (colour) {
            int c = assigned.computeIfAbsent(source, s -> COLOURS[assigned.size() % COLOURS.length]);
            prefix = "\u001b[" + c + "m" + prefix + "\u001b[0m";
        }
        out.println(prefix + " " + line);
        out.flush();
    }
}
