package steward.agent.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import steward.compat.xmlrpc.MethodResponse;
import steward.compat.xmlrpc.XmlRpcException;
import steward.compat.xmlrpc.XmlRpcReader;
import steward.compat.xmlrpc.XmlRpcWriter;

/**
 * A small XML-RPC client for a running agent's unix socket: one request per connection
 * ({@code Connection: close}), faults as {@link AgentFault}.
 */
public final class AgentClient {
    private final Path socket;

    public AgentClient(Path socket) {
        this.socket = socket;
    }

    /** A fault answer from the agent. */
    public static final class AgentFault extends Exception {
        private static final long serialVersionUID = 1L;
        private final int code;

        AgentFault(int code, String text) {
            super(text);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    public Object call(String method, Object... params) throws IOException, AgentFault {
        byte[] body = XmlRpcWriter.call(method, List.of(params));
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            OutputStream out = Channels.newOutputStream(ch);
            String head = "POST /RPC2 HTTP/1.1\r\nHost: localhost\r\nUser-Agent: steward-deploy\r\n"
                    + "Content-Type: text/xml\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = new java.io.BufferedInputStream(Channels.newInputStream(ch));
            String status = line(in);
            int length = -1;
            for (String l = line(in); !l.isEmpty(); l = line(in)) {
                if (l.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(l.substring(l.indexOf(':') + 1).trim());
                }
            }
            if (!status.contains(" 200 ")) {
                throw new IOException("agent answered " + status);
            }
            byte[] response = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
            MethodResponse r = new XmlRpcReader().readResponse(response);
            if (r.isFault()) {
                throw new AgentFault(r.faultCode(), r.faultString());
            }
            return r.value();
        } catch (XmlRpcException e) {
            throw new IOException("unreadable answer from the agent: " + e.getMessage(), e);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
