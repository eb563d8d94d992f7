package steward.compat.ctl;

import java.util.Map;

/** supervisorctl's rendering of result structs: _startresult, _signalresult/_stopresult, _clearresult. */
final class Results {
    private Results() {
    }

    static String start(Map<?, ?> r) {
        String name = Session.namespec(r);
        switch (Session.code(r)) {
            case Session.BAD_NAME: return name + ": ERROR (no such process)";
            case Session.NO_FILE: return name + ": ERROR (no such file)";
            case Session.NOT_EXECUTABLE: return name + ": ERROR (file is not executable)";
            case Session.ALREADY_STARTED: return name + ": ERROR (already started)";
            case Session.SPAWN_ERROR: return name + ": ERROR (spawn error)";
            case Session.ABNORMAL_TERMINATION: return name + ": ERROR (abnormal termination)";
            case Session.SUCCESS_CODE: return name + ": started";
            default: throw new IllegalStateException("Unknown result code " + Session.code(r) + " for " + name);
        }
    }

    static String signal(Map<?, ?> r, String success) {
        String name = Session.namespec(r);
        switch (Session.code(r)) {
            case Session.BAD_NAME: return name + ": ERROR (no such process)";
            case Session.BAD_SIGNAL: return name + ": ERROR (bad signal name)";
            case Session.NOT_RUNNING_FAULT: return name + ": ERROR (not running)";
            case Session.SUCCESS_CODE: return name + ": " + success;
            case Session.FAILED: return String.valueOf(r.get("description"));
            default: throw new IllegalStateException("Unknown result code " + Session.code(r) + " for " + name);
        }
    }

    static String clear(Map<?, ?> r) {
        String name = Session.namespec(r);
        switch (Session.code(r)) {
            case Session.BAD_NAME: return name + ": ERROR (no such process)";
            case Session.FAILED: return name + ": ERROR (failed)";
            case Session.SUCCESS_CODE: return name + ": cleared";
            default: throw new IllegalStateException("Unknown result code " + Session.code(r) + " for " + name);
        }
    }
}
