package steward.builder.stack;

import java.util.List;
import java.util.Map;
import steward.builder.manifest.ServiceSpec;
import steward.builder.program.Stack;
import steward.builder.program.StackLayout;
import steward.builder.program.StackProgram;

/**
 * ruby: nginx → puma (Debian's, outside the bundle) for {@code config.ru} over the release's unix
 * socket, with the app's bundle loaded through {@code bundler/setup} when there is a Gemfile
 * (reference types §4). nginx serves {@code public/} and hands what is not a file there to puma.
 * {@code RACK_ENV} comes from {@code config.rack-env} (default production).
 */
public final class RackStack implements Stack {
    @Override
    public List<StackProgram> programs(StackLayout l, ServiceSpec service) {
        String bundler = java.nio.file.Files.isRegularFile(l.approotDir().resolve("Gemfile")) ? "-rbundler/setup " : "";
        String cmd = "ruby " + bundler + "/usr/bin/puma --bind unix://" + l.socket() + " --environment "
                + Config.string(service, "rack-env", "production") + " --threads 0:8 --dir " + l.current() + " "
                + l.current().resolve("config.ru");
        return List.of(NginxConf.program(l), new StackProgram("puma", cmd, l.current().toString(), "TERM", 10, Map.of()));
    }

    @Override
    public Map<String, String> files(StackLayout l, ServiceSpec service) {
        String locations = "location / {\n"
                + "    try_files $uri @app;\n"
                + "}\n"
                + "location @app {\n"
                + "    proxy_pass http://unix:" + l.socket() + ":;\n"
                + "    proxy_set_header Host $http_host;\n"
                + "    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
                + "    proxy_set_header X-Forwarded-Proto $scheme;\n"
                + "}\n";
        return Map.of(NginxConf.FILE, NginxConf.render(l, l.current().resolve("public"), locations));
    }
}
