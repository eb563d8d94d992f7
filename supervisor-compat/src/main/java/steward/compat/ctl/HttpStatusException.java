package steward.compat.ctl;

import java.io.IOException;

/** A non-200 HTTP answer (401 above all). */
final class HttpStatusException extends IOException {
    private final int status;

    HttpStatusException(int status, String line) {
        super(line);
        this.status = status;
    }

    int status() {
        return status;
    }
}
