package steward.agent.metrics;

/**
 * Prometheus' text exposition format (version 0.0.4), written by hand: {@code # HELP}, {@code # TYPE}
 * and sample lines, label values escaped. One instance builds one scrape; not thread-safe.
 */
public final class Exposition {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out;

    public Exposition(int capacity) {
        out = new StringBuilder(capacity);
    }

    /** Starts a metric family. {@code type} is counter, gauge, histogram or untyped. */
    public Exposition family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ');
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\n') {
                out.append("\\n");
            } else {
                out.append(c);
            }
        }
        out.append("\n# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** One sample; {@code labels} alternate name and value. */
    public Exposition sample(String name, double value, String... labels) {
        out.append(name);
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i + 1 < labels.length; i += 2) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labels[i]).append("=\"");
                escape(labels[i + 1]);
                out.append('"');
            }
            out.append('}');
        }
        out.append(' ');
        number(value);
        out.append('\n');
        return this;
    }

    /**
     * A label set written once ({@code name="web",group="web"}, values escaped) for {@link #sample(String,
     * String, String, double)}, so a page with many families per process escapes each name once.
     */
    public static String labels(String... pairs) {
        Exposition e = new Exposition(64);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (i > 0) {
                e.out.append(',');
            }
            e.out.append(pairs[i]).append("=\"");
            e.escape(pairs[i + 1]);
            e.out.append('"');
        }
        return e.out.toString();
    }

    /** One sample with a prepared label set and, if not null, one more label written as is (no escaping). */
    public Exposition sample(String name, String labels, String extra, double value) {
        out.append(name).append('{').append(labels);
        if (extra != null) {
            out.append(',').append(extra);
        }
        out.append("} ");
        number(value);
        out.append('\n');
        return this;
    }

    private void escape(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    private void number(double v) {
        if (Double.isNaN(v)) {
            out.append("NaN");
        } else if (Double.isInfinite(v)) {
            out.append(v > 0 ? "+Inf" : "-Inf");
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            out.append((long) v);
        } else {
            out.append(v);
        }
    }

    /** A bucket bound as the {@code le} label shows it. */
    public static String le(double bound) {
        if (Double.isInfinite(bound)) {
            return "+Inf";
        }
        return bound == Math.rint(bound) ? (long) bound + ".0" : Double.toString(bound);
    }

    public String text() {
        return out.toString();
    }
}
