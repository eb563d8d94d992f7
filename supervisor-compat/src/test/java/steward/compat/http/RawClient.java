package steward.compat.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A blocking test client over a unix socket that reads one HTTP response at a time. */
final class RawClient implements AutoCloseable {
    private final SocketChannel channel;
    private final InputStream in;

    RawClient(Path socket) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        in = Channels.newInputStream(channel);
    }

    /** Over TCP to localhost. */
    RawClient(int port) throws IOException {
        channel = SocketChannel.open(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
        in = Channels.newInputStream(channel);
    }

    /** A control server on the unix socket {@code sock} alone, without auth, over {@code control}. */
    static ControlServer unixServer(steward.compat.testing.FakeControl control, Path sock) throws IOException {
        return ControlServer.builder(control).unix(Optional.of(new steward.compat.config.UnixHttpServerConfig(sock, 0700,
                Optional.empty(), Optional.empty(), Optional.empty()))).start();
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    static String post(String body) {
        return "POST /RPC2 HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    static String call(String method) {
        return "<?xml version='1.0'?>\n<methodCall>\n<methodName>" + method + "</methodName>\n<params>\n</params>\n</methodCall>\n";
    }

    /** Head and body of the next response (Content-Length framed), within 10 s. */
    String response() throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int c = in.read();
                    if (c < 0) {
                        return head.length() == 0 ? "EOF" : head + "EOF";
                    }
                    head.append((char) c);
                }
                int length = 0;
                for (String line : head.toString().split("\r\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "EOF";
            }
        }).get(10, TimeUnit.SECONDS);
    }

    /** Everything the server sends until it closes (a reset ends it too); blocking, no deadline. */
    String readToEnd() {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                all.write(buf, 0, n);
            }
        } catch (IOException reset) {
            // what arrived before the reset is the answer
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    /** True once the server has closed the connection (read returns EOF), within 10 s. */
    boolean closedByServer() throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                while (true) {
                    if (in.read() < 0) {
                        return true;
                    }
                }
            } catch (IOException e) {
                return true;
            }
        }).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
