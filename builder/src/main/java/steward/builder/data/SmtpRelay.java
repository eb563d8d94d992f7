package steward.builder.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * smtp: a local SMTP server on the service's port, Debian's python3-aiosmtpd (dotCloud ran a
 * Postfix relay). With {@code config: smtp_relay_server} (and {@code smtp_relay_port}, default 25)
 * it relays every message there (aiosmtpd's Proxy handler); without it, it keeps every message in
 * the Maildir {@code HOME/data/mail}, as a local catch-all for development.
 * {@code smtp_relay_username}/{@code smtp_relay_password} are not supported (the Proxy handler has
 * no AUTH): the build says so.
 */
final class SmtpRelay implements DataServer {
    @Override
    public List<steward.builder.program.StackProgram> programs(DataLayout d) {
        String handler = d.config("smtp_relay_server").filter(s -> s.matches("[A-Za-z0-9.-]+"))
                .map(host -> "aiosmtpd.handlers.Proxy " + host + " " + d.config("smtp_relay_port").filter(p -> p.matches("\\d{1,5}"))
                        .orElse("25"))
                .orElse("aiosmtpd.handlers.Mailbox " + d.dataDir().resolve("mail"));
        return List.of(ServerPrograms.program(d, "smtp", "/usr/bin/python3 -m aiosmtpd -n -l 0.0.0.0:" + d.endpoint().port() + " -c "
                + handler, "TERM", Map.of(), ServerPrograms.tcp(d), 30, List.of()));
    }

    @Override
    public Map<String, String> files(DataLayout d) {
        return Map.of();
    }

    @Override
    public List<String> warnings(DataLayout d) {
        List<String> w = new ArrayList<>();
        if (d.config("smtp_relay_username").isPresent() || d.config("smtp_relay_password").isPresent()) {
            w.add("config: smtp_relay_username/smtp_relay_password are not supported by the local relay (aiosmtpd's Proxy "
                    + "has no AUTH); mail is relayed without a login");
        }
        return w;
    }

    @Override
    public Backup backup(DataLayout d) {
        return new Backup.Archive(d.dataDir());
    }
}
