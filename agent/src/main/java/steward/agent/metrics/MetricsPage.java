package steward.agent.metrics;

import java.nio.charset.StandardCharsets;
import steward.compat.http.Page;

/** {@code /metrics} on the control server. */
public record MetricsPage(Metrics metrics) implements Page {
    @Override
    public String contentType() {
        return Exposition.CONTENT_TYPE;
    }

    @Override
    public byte[] render() {
        return metrics.scrape().getBytes(StandardCharsets.UTF_8);
    }
}
