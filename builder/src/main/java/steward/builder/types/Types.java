package steward.builder.types;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import steward.builder.deps.BundleInstall;
import steward.builder.deps.ComposerInstall;
import steward.builder.deps.CpanmInstall;
import steward.builder.deps.PipInstall;
import steward.builder.data.DataStack;
import steward.builder.data.DataTypes;
import steward.builder.step.PrepareData;
import steward.builder.manifest.ServiceSpec;
import steward.builder.manifest.ServiceType;
import steward.builder.program.Stack;
import steward.builder.stack.PhpFpmStack;
import steward.builder.stack.RackStack;
import steward.builder.stack.StaticStack;
import steward.builder.stack.UwsgiStack;
import steward.builder.step.BuildStep;
import steward.builder.step.InstallNodeDeps;
import steward.builder.step.RunHook;
import steward.builder.step.SelectNode;

/**
 * The table of code service types (reference types §2–§12): one entry per type. A {@code *-worker}
 * is its language's entry without the stack. A data type ({@link DataTypes}) is its server as the
 * stack, with {@link PrepareData} as its build step.
 */
public final class Types {
    private static final BuildStep NOTHING = new BuildStep() {
        @Override
        public void run(steward.builder.step.BuildContext context) {
        }

        @Override
        public String name() {
            return "build";
        }
    };
    private static final List<String> COMMON = List.of("supervisord.conf", "postinstall", "crontab");
    private static final List<String> NGINX = List.of("*nginx.conf", "maintenance", "static/{404,500,502,503,504}.html");

    private static final Map<ServiceType, TypeEntry> TABLE = table();

    private Types() {
    }

    private static Map<ServiceType, TypeEntry> table() {
        Map<ServiceType, TypeEntry> t = new EnumMap<>(ServiceType.class);
        t.put(ServiceType.NODEJS, new TypeEntry("nodejs", List.of(new SelectNode()), new InstallNodeDeps(), Stack.NONE,
                TypeEntry.Runtime.NONE, files(List.of("package.json", "package-lock.json", "npm-shrinkwrap.json")), false, true));
        python(t, ServiceType.PYTHON, UwsgiStack.python(), List.of("wsgi.py", "*uwsgi.conf"));
        python(t, ServiceType.PYTHON_WORKER, Stack.NONE, List.of());
        ruby(t, ServiceType.RUBY, new RackStack(), List.of("config.ru", "public/"));
        ruby(t, ServiceType.RUBY_WORKER, Stack.NONE, List.of());
        php(t, ServiceType.PHP, new PhpFpmStack(), List.of("index.php", "php.ini", "*fastcgi.conf"));
        php(t, ServiceType.PHP_WORKER, Stack.NONE, List.of());
        perl(t, ServiceType.PERL, UwsgiStack.perl(), List.of("app.psgi", "static/"));
        perl(t, ServiceType.PERL_WORKER, Stack.NONE, List.of());
        t.put(ServiceType.STATIC, new TypeEntry("static", List.of(), NOTHING, new StaticStack(), TypeEntry.Runtime.NONE,
                files(concat(List.of("index.html"), NGINX)), false, true));
        t.put(ServiceType.CUSTOM, new TypeEntry("custom", List.of(), RunHook.buildscript(), Stack.NONE, TypeEntry.Runtime.NONE,
                List.of("buildscript (from the tree root)", "postinstall", "crontab"), false, true));
        for (ServiceType other : List.of(ServiceType.JAVA, ServiceType.OPA)) {
            t.put(other, new TypeEntry(other.wireName(), List.of(), NOTHING, Stack.NONE, TypeEntry.Runtime.NONE, COMMON, false,
                    false));
        }
        DataTypes.all().forEach((type, d) -> t.put(type, new TypeEntry(d.type(), List.of(), new PrepareData(d), new DataStack(d),
                TypeEntry.Runtime.NONE, List.of(), false, true)));
        return t;
    }

    private static void python(Map<ServiceType, TypeEntry> t, ServiceType type, Stack stack, List<String> web) {
        TypeEntry.Runtime runtime = (home, s) -> new TypeEntry.Additions(List.of(PipInstall.venv(home).resolve("bin")),
                Map.of("VIRTUAL_ENV", PipInstall.venv(home).toString()));
        t.put(type, new TypeEntry(type.wireName(), List.of(), new PipInstall(), stack, runtime,
                files(concat(concat(web, PipInstall.INPUTS), stack == Stack.NONE ? List.of() : NGINX)), true, true));
    }

    private static void ruby(Map<ServiceType, TypeEntry> t, ServiceType type, Stack stack, List<String> web) {
        TypeEntry.Runtime runtime = (home, s) -> {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("BUNDLE_PATH__SYSTEM", "true");
            v.put("GEM_HOME", BundleInstall.bundlePath(home).toString());
            v.put("RACK_ENV", String.valueOf(s.config().getOrDefault("rack-env", "production")));
            Object without = s.config().get("exclude_bundler_groups");
            if (without instanceof List<?> groups && !groups.isEmpty()) {
                v.put("BUNDLE_WITHOUT", String.join(":", groups.stream().map(String::valueOf).toList()));
            }
            return new TypeEntry.Additions(List.of(BundleInstall.bundlePath(home).resolve("bin")), v);
        };
        t.put(type, new TypeEntry(type.wireName(), List.of(), new BundleInstall(), stack, runtime,
                files(concat(concat(web, BundleInstall.INPUTS), stack == Stack.NONE ? List.of() : NGINX)), true, true));
    }

    private static void php(Map<ServiceType, TypeEntry> t, ServiceType type, Stack stack, List<String> web) {
        t.put(type, new TypeEntry(type.wireName(), List.of(), new ComposerInstall(), stack, TypeEntry.Runtime.NONE,
                files(concat(concat(web, ComposerInstall.INPUTS), stack == Stack.NONE ? List.of() : NGINX)), true, true));
    }

    private static void perl(Map<ServiceType, TypeEntry> t, ServiceType type, Stack stack, List<String> web) {
        TypeEntry.Runtime runtime = (home, s) -> {
            Path lib = CpanmInstall.localLib(home);
            return new TypeEntry.Additions(List.of(lib.resolve("bin")), Map.of("PERL5LIB", lib.resolve("lib").resolve("perl5").toString(),
                    "PERL_LOCAL_LIB_ROOT", lib.toString()));
        };
        t.put(type, new TypeEntry(type.wireName(), List.of(), new CpanmInstall(), stack, runtime,
                files(concat(concat(web, CpanmInstall.INPUTS), stack == Stack.NONE ? List.of() : NGINX)), true, true));
    }

    private static List<String> files(List<String> specific) {
        return concat(specific, COMMON);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The entry of a type. */
    public static TypeEntry of(ServiceType type) {
        TypeEntry e = TABLE.get(type);
        if (e == null) {
            throw new IllegalArgumentException(type + " has no entry");
        }
        return e;
    }

    /** What a service's type adds to the environment, with the service's own {@code environment:} winning. */
    public static TypeEntry.Additions runtime(Path home, ServiceSpec service) {
        return of(service.type()).runtime().of(home, service);
    }
}
