package steward.builder.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import steward.builder.node.DependencyHash;

/**
 * A digest of everything nginx reads for one release: the generated nginx.conf and the approot
 * files its {@code include}s name ({@code *nginx.conf} in the server block, {@code *uwsgi.conf} and
 * {@code *fastcgi.conf} in the app location), by name and content. nginx keeps running across a
 * redeploy whose digest is the old one's: it is reloaded only when what it reads changed, since a
 * reload closes its idle keep-alive connections. Empty when the stack has no nginx.
 */
public final class FrontDigest {
    /** The approot file names nginx includes (the stack's {@code include current/*…}). */
    static final List<String> INCLUDED = List.of("nginx.conf", "uwsgi.conf", "fastcgi.conf");

    private FrontDigest() {
    }

    /** @param files the stack's generated files (name → content); @param approot the release's approot */
    public static String of(Map<String, String> files, Path approot) throws IOException {
        String conf = files.get(NginxConf.FILE);
        if (conf == null) {
            return "";
        }
        MessageDigest md = sha256();
        DependencyHash.feed(md, NginxConf.FILE, conf.getBytes(StandardCharsets.UTF_8));
        List<Path> included = new ArrayList<>();
        if (Files.isDirectory(approot)) {
            try (DirectoryStream<Path> d = Files.newDirectoryStream(approot)) {
                for (Path p : d) {
                    String name = p.getFileName().toString();
                    if (INCLUDED.stream().anyMatch(name::endsWith) && Files.isRegularFile(p)) {
                        included.add(p);
                    }
                }
            }
        }
        included.sort(null);
        for (Path p : included) {
            DependencyHash.feed(md, p.getFileName().toString(), Files.readAllBytes(p));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }
}
