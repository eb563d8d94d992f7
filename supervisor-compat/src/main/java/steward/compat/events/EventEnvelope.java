package steward.compat.events;

import java.nio.charset.StandardCharsets;

/**
 * What supervisord writes to a listener's stdin for one event: the header line
 * {@code ver:3.0 server:ID serial:N pool:P poolserial:N eventname:NAME len:N} and the payload, whose
 * {@code len} counts characters as Python's {@code len(str)} does; the whole is sent as UTF-8.
 *
 * @param serial the event's serial, shared by every pool (from 0, counting only events some pool accepted)
 * @param poolSerial the event's serial in this pool (from 0)
 */
public record EventEnvelope(String server, long serial, String pool, long poolSerial, EventType type, String payload) {

    public String header() {
        return "ver:3.0 server:" + server + " serial:" + serial + " pool:" + pool + " poolserial:" + poolSerial
                + " eventname:" + type.name() + " len:" + EventPayload.pythonLength(payload) + "\n";
    }

    public byte[] bytes() {
        return (header() + payload).getBytes(StandardCharsets.UTF_8);
    }
}
