package steward.agent.os;

import steward.compat.config.Signals;

/**
 * The engine's names for the signals it sends, kept only while the engine's files are being
 * reshaped elsewhere: the numbers are compat's one signal table ({@link Signals}), which every other
 * part uses directly. Once {@code Drainers}, {@code ProcessActions} and {@code ReadyActions} say
 * {@code Signals.KILL}, this class goes.
 */
public final class SignalNames {
    public static final int SIGHUP = Signals.HUP;
    public static final int SIGINT = Signals.INT;
    public static final int SIGKILL = Signals.KILL;
    public static final int SIGTERM = Signals.TERM;

    private SignalNames() {
    }
}
