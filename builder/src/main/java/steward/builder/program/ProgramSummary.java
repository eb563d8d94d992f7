package steward.builder.program;

/**
 * A program a service would run, as {@code deploy --check} shows it; directory may be null (unset).
 *
 * @param kind the section that declares it: {@code program}, {@code fcgi-program} or {@code eventlistener}
 */
public record ProgramSummary(String name, String command, String directory, String kind) {
    public static final String PROGRAM = "program";

    /** A {@code [program:x]}. */
    public ProgramSummary(String name, String command, String directory) {
        this(name, command, directory, PROGRAM);
    }
}
