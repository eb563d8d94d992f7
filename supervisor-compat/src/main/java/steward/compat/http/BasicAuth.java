package steward.compat.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/** HTTP basic authentication as supervisord checks it: a plain password or {@code {SHA}}+hex SHA-1. */
final class BasicAuth {
    private final String username;
    private final String password;

    BasicAuth(String username, String password) {
        this.username = username;
        this.password = password;
    }

    /** True when the Authorization header value carries the right credentials. */
    boolean accepts(String header) {
        if (header == null) {
            return false;
        }
        String h = header.trim();
        int space = h.indexOf(' ');
        if (space < 0 || !h.substring(0, space).equalsIgnoreCase("basic")) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(h.substring(space + 1).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        boolean userOk = equal(decoded.substring(0, colon), username);
        String given = decoded.substring(colon + 1);
        boolean passOk;
        if (password.startsWith("{SHA}")) {
            passOk = equal(sha1Hex(given), password.substring(5).toLowerCase(Locale.ROOT));
        } else {
            passOk = equal(given, password);
        }
        return userOk & passOk;
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha1Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
