package dev.auraxium.testkit.internal.ess;

import dev.auraxium.testkit.MalformedFrame;
import dev.auraxium.testkit.internal.tls.TestCertificate;
import dev.auraxium.testkit.internal.ws.HandshakeRequest;
import dev.auraxium.testkit.internal.ws.HandshakeResponse;
import dev.auraxium.testkit.internal.ws.WebSocketHandler;
import dev.auraxium.testkit.internal.ws.WebSocketServer;
import dev.auraxium.testkit.internal.ws.WsConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ServerSocketFactory;

/**
 * Puts an {@link EssHub} on the RFC 6455 server: upgrade requests go through
 * {@link EssHub#admit}, each WebSocket connection becomes an {@link EssSession}.
 */
public final class WsGateway implements WebSocketHandler, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WsGateway.class.getName());

    private final EssHub hub;
    // Admissions decided at the handshake, picked up when the connection opens.
    private final Map<HandshakeRequest, Admission.Admit> admitted = new ConcurrentHashMap<>();
    private volatile WebSocketServer server;

    private WsGateway(EssHub hub) {
        this.hub = hub;
    }

    /**
     * Binds the socket from the hub's settings and starts serving.
     *
     * @param hub the ESS behaviour
     * @return the running gateway
     * @throws IOException if the socket cannot be bound
     */
    public static WsGateway start(EssHub hub) throws IOException {
        WsGateway g = new WsGateway(hub);
        EssSettings s = hub.settings();
        g.server = WebSocketServer.start(WebSocketServer.Config.defaults()
                .withBindAddress(s.bindAddress()).withPort(s.port()).withMaxMessageBytes(EssHub.MAX_COMMAND_BYTES),
                WebSocketServer.Limits.defaults(), g,
                s.tls() ? TestCertificate.serverContext().getServerSocketFactory() : ServerSocketFactory.getDefault());
        return g;
    }

    /** @return the bound address */
    public InetSocketAddress address() {
        return server.address();
    }

    /**
     * @return the streaming URI clients connect to: {@code ws://} or {@code wss://}, the bound
     *     address (loopback for a wildcard bind, which is reachable there and is no URI host)
     */
    public URI uri() {
        InetSocketAddress a = address();
        InetAddress reachable = a.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : a.getAddress();
        String host = reachable.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create((hub.settings().tls() ? "wss://" : "ws://") + host + ":" + a.getPort() + EssHub.PATH);
    }

    @Override
    public HandshakeResponse onHandshake(HandshakeRequest request) {
        Admission a = hub.admit(request.path(), request::queryParam);
        if (a instanceof Admission.Refuse r) {
            LOG.log(System.Logger.Level.DEBUG, "refusing upgrade from {0}: HTTP {1}", request.remote(), r.status());
            if (r.retryAfter().isPresent()) {
                return HandshakeResponse.reject(r.status(),
                        Map.of("Retry-After", Long.toString(r.retryAfter().get().toSeconds())), r.body());
            }
            return HandshakeResponse.reject(r.status(), r.body());
        }
        admitted.put(request, (Admission.Admit) a);
        return HandshakeResponse.accept();
    }

    @Override
    public void onOpen(WsConnection c) {
        Admission.Admit admit = admitted.remove(c.request());
        if (admit == null) {
            Admission again = hub.admit(c.request().path(), c.request()::queryParam);
            if (!(again instanceof Admission.Admit a)) {
                c.abort();
                return;
            }
            admit = a;
        }
        c.attach(hub.open(new Peer(c), admit));
    }

    @Override
    public void onText(WsConnection c, String text) {
        if (c.attachment() instanceof EssSession s) {
            hub.onText(s, text);
        }
    }

    @Override
    public void onClose(WsConnection c, int code, String reason) {
        if (c.attachment() instanceof EssSession s) {
            hub.onClosed(s);
        }
    }

    @Override
    public void close() {
        WebSocketServer s = server;
        if (s != null) {
            s.close();
        }
    }

    /** A WebSocket connection as the session logic sees it. */
    private static final class Peer implements EssPeer {
        private final WsConnection c;

        Peer(WsConnection c) {
            this.c = c;
        }

        @Override
        public void sendText(String text) {
            c.sendText(text);
        }

        @Override
        public void sendMalformed(MalformedFrame kind) {
            c.sendRaw(switch (kind) {
                case RESERVED_OPCODE -> frame(0x3, true, "x".getBytes(StandardCharsets.US_ASCII));
                case INVALID_UTF8 -> frame(0x1, true, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
                case UNEXPECTED_CONTINUATION -> frame(0x0, true, "x".getBytes(StandardCharsets.US_ASCII));
                case OVERSIZED_CONTROL_FRAME -> frame(0x9, true, new byte[126]);
            });
        }

        /** An unmasked server frame, built by hand so nothing on the way can correct it. */
        private static byte[] frame(int opcode, boolean fin, byte[] payload) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write((fin ? 0x80 : 0) | opcode);
            if (payload.length < 126) {
                out.write(payload.length);
            } else {
                out.write(126);
                out.write(payload.length >>> 8);
                out.write(payload.length & 0xFF);
            }
            out.writeBytes(payload);
            return out.toByteArray();
        }

        @Override
        public void close(int code, String reason) {
            c.close(code, reason);
        }

        @Override
        public void abort() {
            c.abort();
        }

        @Override
        public boolean isOpen() {
            return c.isOpen();
        }

        @Override
        public long pendingBytes() {
            return c.pendingBytes();
        }

        @Override
        public void setWriteDelay(Duration perFlush) {
            c.setWriteDelay(perFlush);
        }
    }
}
