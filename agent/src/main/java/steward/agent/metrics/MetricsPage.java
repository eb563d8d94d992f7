package steward.agent.metrics;

import java.nio.ByteBuffer;
import steward.compat.http.Page;

/** {@code /metrics} on the control server. */
public record MetricsPage(Metrics metrics) implements Page {
    @Override
    public String contentType() {
        return Exposition.CONTENT_TYPE;
    }

    @Override
    public ByteBuffer render() {
        return metrics.scrape();
    }
}
