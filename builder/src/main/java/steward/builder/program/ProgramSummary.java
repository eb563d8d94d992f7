package steward.builder.program;

/** A program a service would run, as {@code deploy --check} shows it; directory may be null (unset). */
public record ProgramSummary(String name, String command, String directory) {
}
