package steward.agent.cron;

/** A line that was not loaded; {@link #toString()} is {@code FILE:LINE: reason}. */
public record CrontabError(String file, int line, String reason) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
