package steward.builder.step;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Optional;
import steward.builder.data.DataEndpoint;
import steward.builder.data.DataLayout;
import steward.builder.data.DataType;
import steward.builder.data.DataTypes;
import steward.builder.manifest.ServiceType;
import steward.builder.program.StackUser;
import steward.builder.release.AtomicFiles;

/**
 * A data service's build step: makes {@code HOME/data} (0700, the server's user's; what is in it is
 * never touched), writes the server's configuration files (they hold the password: 0600, the
 * server's user's) into the release's stack directory, and says what does not apply: a type with
 * no Debian package (mongodb, solr), {@code config:} keys the type does not use (every
 * {@code mongodb_*} key included). PostgreSQL refuses to run as root: when the agent is root and no
 * other user can enter the data directory, the build fails and names the directory to open.
 */
public final class PrepareData implements BuildStep {
    private final DataType type;

    public PrepareData(DataType type) {
        this.type = type;
    }

    @Override
    public void run(BuildContext ctx) throws BuildFailure, IOException {
        var service = ctx.service();
        for (String key : service.config().keySet()) {
            if (!type.configKeys().contains(key)) {
                ctx.warn("config: " + key + " does not apply to a " + type.type() + " service under Steward; ignored");
            }
        }
        if (type.unavailable().isPresent()) {
            ctx.warn(type.unavailable().get().replace("<SERVICE>", service.name().toUpperCase(java.util.Locale.ROOT)));
            return;
        }
        if (service.type() == ServiceType.MYSQL_MASTERSLAVE) {
            ctx.warn("mysql-masterslave runs one MariaDB server (no replica, no failover) under Steward");
        }
        Path home = ctx.config().home();
        Path data = DataLayout.dataDir(home);
        if (!Files.isDirectory(data)) {
            Files.createDirectories(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Optional<StackUser> user = DataTypes.serverUser(home);
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root && user.isEmpty()) {
            StackUser wanted = StackUser.choose(home);
            String where = wanted.blocked(data).map(Path::toString).orElse(data.toString());
            if (type.server().refusesRoot()) {
                throw new BuildFailure(name(), "PostgreSQL refuses to run as root, and " + wanted.name() + " cannot enter " + where
                        + " (make it searchable by others: chmod o+x)", List.of());
            }
            ctx.warn(type.type() + " runs as root: " + wanted.name() + " cannot enter " + where + " (chmod o+x to run it as "
                    + wanted.name() + ")");
        }
        Optional<UserPrincipal> owner = user.isEmpty() ? Optional.empty()
                : Optional.of(data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user.get().name()));
        if (owner.isPresent() && !Files.getOwner(data).equals(owner.get())) {
            Files.setOwner(data, owner.get());
        }
        DataEndpoint endpoint = DataEndpoint.read(home).orElseThrow(() -> new IOException("no endpoint kept in " + DataEndpoint.file(home)));
        Path stack = ctx.store().metaDir(ctx.release()).resolve(WritePrograms.STACK_DIR);
        Files.createDirectories(stack);
        DataLayout layout = new DataLayout(home, stack, service, endpoint, user.map(StackUser::name));
        for (var f : type.server().files(layout).entrySet()) {
            Path file = stack.resolve(f.getKey());
            AtomicFiles.writePrivate(file, f.getValue());
            if (owner.isPresent()) {
                Files.setOwner(file, owner.get());
            }
        }
        if (owner.isPresent()) {
            Files.setOwner(stack, owner.get());
        }
        type.server().warnings(layout).forEach(ctx::warn);
    }

    @Override
    public String name() {
        return "data";
    }
}
