package steward.builder.data;

import java.util.List;
import java.util.Map;
import steward.builder.manifest.ServiceSpec;
import steward.builder.program.Stack;
import steward.builder.program.StackLayout;
import steward.builder.program.StackProgram;
import steward.builder.program.StackUser;

/**
 * A data type's server as a type's runtime stack: its programs, rendered with the service's kept
 * endpoint ({@link DataEndpoint}). Its configuration files hold the password, so {@link PrepareData}
 * writes them (0600) rather than {@link #files}.
 */
public final class DataStack implements Stack {
    private final DataType type;

    public DataStack(DataType type) {
        this.type = type;
    }

    public DataLayout layout(StackLayout l, ServiceSpec service) {
        return new DataLayout(l.home(), l.stackDir(), service, DataEndpoint.peek(l.home(), type),
                DataTypes.serverUser(l.home()).map(StackUser::name));
    }

    @Override
    public List<StackProgram> programs(StackLayout l, ServiceSpec service) {
        return type.server().programs(layout(l, service));
    }

    @Override
    public Map<String, String> files(StackLayout l, ServiceSpec service) {
        return Map.of();
    }
}
