package steward.builder.stack;

import java.util.List;
import java.util.Map;
import steward.builder.manifest.ServiceSpec;
import steward.builder.program.Stack;
import steward.builder.program.StackLayout;
import steward.builder.program.StackProgram;

/** static: nginx serving the approot, {@code index.html} at {@code /} (reference types §10). */
public final class StaticStack implements Stack {
    @Override
    public List<StackProgram> programs(StackLayout l, ServiceSpec service) {
        return List.of(NginxConf.program(l));
    }

    @Override
    public Map<String, String> files(StackLayout l, ServiceSpec service) {
        return Map.of(NginxConf.FILE, NginxConf.render(l, l.current(), "location / { index index.html index.htm; }\n"));
    }
}
