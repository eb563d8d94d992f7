package steward.agent.container;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import steward.compat.ctl.CtlClient;
import steward.compat.ctl.ServerFault;

/**
 * The agent running for a home, found through {@code HOME/.steward/agent.json} and confirmed by a
 * {@code steward.info} call on its socket; and the client side of an activation: start it, then
 * print its transcript as it grows.
 */
public final class RunningAgent {
    private final AgentInfo info;
    private final CtlClient client;

    private RunningAgent(AgentInfo info, CtlClient client) {
        this.info = info;
        this.client = client;
    }

    public static Optional<RunningAgent> find(Path home) {
        Optional<AgentInfo> info = AgentInfo.read(home).filter(AgentInfo::looksAlive);
        if (info.isEmpty()) {
            return Optional.empty();
        }
        CtlClient c = new CtlClient("unix://" + info.get().socket(), null, null);
        try {
            Object answer = c.call("steward.info");
            if (answer instanceof Map<?, ?> m && home.toAbsolutePath().normalize().toString().equals(m.get("home"))) {
                return Optional.of(new RunningAgent(info.get(), c));
            }
        } catch (IOException | ServerFault e) {
            // not an agent for this home (any more)
        }
        c.close();
        return Optional.empty();
    }

    public AgentInfo info() {
        return info;
    }

    public CtlClient client() {
        return client;
    }

    /** Activates a built release and prints the agent's lines; true when it is serving. */
    public boolean activate(String releaseId, int readyTimeoutSeconds, PrintStream out)
            throws IOException, ServerFault {
        return follow((String) client.call("steward.activate", releaseId, readyTimeoutSeconds), out);
    }

    /** Activates the release before the active one and prints the agent's lines. */
    public boolean rollback(int readyTimeoutSeconds, PrintStream out) throws IOException, ServerFault {
        return follow((String) client.call("steward.rollback", readyTimeoutSeconds), out);
    }

    private boolean follow(String id, PrintStream out) throws IOException, ServerFault {
        int next = 0;
        while (true) {
            Map<?, ?> page = (Map<?, ?>) client.call("steward.progress", id, next);
            for (Object line : (List<?>) page.get("lines")) {
                out.println(line);
            }
            out.flush();
            next = (Integer) page.get("next");
            if (Boolean.TRUE.equals(page.get("done"))) {
                return Boolean.TRUE.equals(page.get("ok"));
            }
        }
    }
}
