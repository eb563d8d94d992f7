package steward.compat.config;

/** A signal by its Supervisor name (without SIG) and its Linux number. */
public record Signal(String name, int number) {
}
