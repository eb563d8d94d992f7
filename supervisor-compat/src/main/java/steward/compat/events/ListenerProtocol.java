package steward.compat.events;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * One event listener process's side of the protocol, as supervisord 4.2.5's
 * PEventListenerDispatcher reads the listener's stdout: ACKNOWLEDGED (just spawned, or done with an
 * event) until {@code READY\n}; READY until an event is sent; BUSY until {@code RESULT n\n} and n
 * bytes, where {@code OK} is processed and anything else rejected (the event goes back to the head of
 * the pool's buffer); anything else, at any point, is UNKNOWN for good (no more events until the
 * process is spawned again). Unlike Supervisor, what is held is bounded: a result line without its
 * newline, or a {@code RESULT n} body, longer than {@link #MAX_BUFFER} puts the listener in UNKNOWN
 * (logged once) and asks for it to be restarted ({@link Effects#overflowed}); its event goes back
 * to the pool when it exits.
 *
 * @param <T> the pool's buffered event
 */
public final class ListenerProtocol<T> {
    /** Supervisor's EventListenerStates. */
    public enum State {
        READY, BUSY, ACKNOWLEDGED, UNKNOWN
    }

    /** What the protocol asks of its pool and of the daemon's log. */
    public interface Effects<T> {
        /** The event was not processed: put it back at the head of the pool's buffer. */
        void reject(T event);

        void debug(String message);

        void warn(String message);

        /** The listener overran {@link #MAX_BUFFER} and is UNKNOWN: restart it. */
        default void overflowed() {
        }
    }

    /** The most a listener may have pending: a result line, or a result body, of 64 KiB. */
    public static final int MAX_BUFFER = 64 * 1024;

    private static final byte[] READY_TOKEN = "READY\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int RESULT_TOKEN_LEN = "RESULT ".length();

    private final String procname;
    private final Effects<T> effects;
    private State state = State.ACKNOWLEDGED;
    private T event;
    private byte[] buffer = new byte[0];
    private final ByteArrayOutputStream result = new ByteArrayOutputStream();
    private Long resultlen;

    public ListenerProtocol(String procname, Effects<T> effects) {
        this.procname = procname;
        this.effects = effects;
    }

    public State state() {
        return state;
    }

    /** The event being processed (BUSY), if any. */
    public T event() {
        return event;
    }

    /** A new process was spawned: it starts ACKNOWLEDGED, with nothing read. */
    public void spawned() {
        state = State.ACKNOWLEDGED;
        event = null;
        buffer = new byte[0];
        result.reset();
        resultlen = null;
    }

    /** The envelope of {@code sent} was written to the listener's stdin: it is BUSY with it. */
    public void sent(T sent) {
        state = State.BUSY;
        event = sent;
    }

    /** The process ended: an event it had not answered is rejected (re-sent to the pool). */
    public void exited() {
        if (event != null) {
            T e = event;
            event = null;
            effects.reject(e);
        }
    }

    /** Bytes the listener wrote to its stdout. */
    public void output(byte[] data) {
        if (data.length > 0) {
            byte[] joined = Arrays.copyOf(buffer, buffer.length + data.length);
            System.arraycopy(data, 0, joined, buffer.length, data.length);
            buffer = joined;
        }
        while (buffer.length > 0 && step()) {
            // each step consumes input or changes state; false when it needs more input
        }
    }

    /** One pass of handle_listener_state_change; true to go on with what is left in the buffer. */
    private boolean step() {
        switch (state) {
            case UNKNOWN -> {
                buffer = new byte[0];
                return false;
            }
            case ACKNOWLEDGED -> {
                if (buffer.length < READY_TOKEN.length) {
                    return false;
                }
                if (Arrays.equals(buffer, 0, READY_TOKEN.length, READY_TOKEN, 0, READY_TOKEN.length)) {
                    change(State.READY);
                    buffer = Arrays.copyOfRange(buffer, READY_TOKEN.length, buffer.length);
                } else {
                    change(State.UNKNOWN);
                    buffer = new byte[0];
                }
                event = null;
                return true;
            }
            case READY -> {
                change(State.UNKNOWN);
                buffer = new byte[0];
                event = null;
                return false;
            }
            default -> {
                return busy();
            }
        }
    }

    private boolean busy() {
        if (resultlen == null) {
            int pos = indexOf(buffer, (byte) '\n');
            if (pos < 0) {
                if (buffer.length > MAX_BUFFER) {
                    overflowed("a result line longer than " + MAX_BUFFER + " bytes");
                }
                return false;
            }
            byte[] line = Arrays.copyOf(buffer, pos);
            buffer = Arrays.copyOfRange(buffer, pos + 1, buffer.length);
            byte[] lenText = line.length > RESULT_TOKEN_LEN ? Arrays.copyOfRange(line, RESULT_TOKEN_LEN, line.length)
                    : new byte[0];
            resultlen = pythonInt(lenText);
            if (resultlen == null || resultlen < 0) {
                // a negative length sends Supervisor into endless recursion (its channel is then closed)
                effects.warn(procname + ": bad result line: '" + PyBytes.asStringOrUndecodable(line) + "'");
                change(State.UNKNOWN);
                buffer = new byte[0];
                resultlen = null;
                T e = event;
                event = null;
                effects.reject(e);
                return false;
            }
            if (resultlen > MAX_BUFFER) {
                overflowed("a result of " + resultlen + " bytes, more than " + MAX_BUFFER);
                return false;
            }
        } else {
            long needed = resultlen - result.size();
            if (needed != 0) {
                int end = sliceEnd(buffer.length, needed);
                result.write(buffer, 0, end);
                buffer = Arrays.copyOfRange(buffer, end, buffer.length);
                needed = resultlen - result.size();
            }
            if (needed == 0) {
                handleResult(result.toByteArray());
                event = null;
                result.reset();
                resultlen = null;
            }
        }
        return buffer.length > 0;
    }

    /** Supervisor's default_handler: {@code OK} is processed, anything else rejected. */
    private void handleResult(byte[] answer) {
        if (Arrays.equals(answer, new byte[] {'O', 'K'})) {
            effects.debug(procname + ": event was processed");
            change(State.ACKNOWLEDGED);
        } else {
            effects.warn(procname + ": event was rejected");
            change(State.ACKNOWLEDGED);
            effects.reject(event);
        }
    }

    /** Past the bound: UNKNOWN with one warning, nothing more held; the event stays to be rejected at exit. */
    private void overflowed(String what) {
        effects.debug(procname + ": " + state + " -> " + State.UNKNOWN);
        state = State.UNKNOWN;
        buffer = new byte[0];
        result.reset();
        resultlen = null;
        effects.warn(procname + ": has entered the UNKNOWN state: its protocol buffer overflowed (" + what
                + "); it is restarted");
        effects.overflowed();
    }

    private void change(State next) {
        effects.debug(procname + ": " + state + " -> " + next);
        state = next;
        if (next == State.UNKNOWN) {
            effects.warn(procname + ": has entered the UNKNOWN state and will no longer receive events, this "
                    + "usually indicates the process violated the eventlistener protocol");
        }
    }

    /** Python's {@code data[:n]} end index. */
    private static int sliceEnd(int length, long n) {
        return (int) (n < 0 ? Math.max(0, length + n) : Math.min(length, n));
    }

    private static int indexOf(byte[] data, byte b) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Python's {@code int(bytes)}: blanks around, a sign, {@code _} between digits; null when it raises. */
    static Long pythonInt(byte[] text) {
        String s = new String(text, java.nio.charset.StandardCharsets.ISO_8859_1).strip();
        if (!s.matches("[+-]?[0-9]+(_[0-9]+)*")) {
            return null;
        }
        try {
            return Long.parseLong(s.replace("_", "").replace("+", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
