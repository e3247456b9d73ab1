package dev.auraxium.testkit.tck;

import dev.auraxium.testkit.internal.ws.HandshakeRequest;
import dev.auraxium.testkit.internal.ws.HandshakeResponse;
import dev.auraxium.testkit.internal.ws.WebSocketHandler;
import dev.auraxium.testkit.internal.ws.WebSocketServer;
import dev.auraxium.testkit.internal.ws.WsConnection;
import dev.auraxium.testkit.internal.ws.WsProtocol;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link ContractServer#webSocket()}: the test kit's RFC 6455 server, frames on a real socket. */
final class WebSocketContractServer implements ContractServer, WebSocketHandler {
    private final BlockingQueue<WsConnection> opened = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final Map<WsConnection, CompletableFuture<ContractPeer.Closed>> closed = new ConcurrentHashMap<>();
    private volatile HandshakeResponse rejectWith;
    private WebSocketServer server;

    private WebSocketContractServer() {
    }

    static WebSocketContractServer start() throws IOException {
        WebSocketContractServer s = new WebSocketContractServer();
        s.server = WebSocketServer.start(WebSocketServer.Config.defaults(), s);
        return s;
    }

    @Override
    public URI uri() {
        return URI.create("ws://127.0.0.1:" + server.port() + "/streaming?environment=ps2&service-id=" + SERVICE_ID);
    }

    @Override
    public ContractPeer awaitConnection(Duration timeout) throws InterruptedException {
        WsConnection c = opened.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return c == null ? null : new Peer(c);
    }

    @Override
    public String takeReceived(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void refuseUpgrades(int status) {
        rejectWith = HandshakeResponse.reject(status, Map.of(), "refused by the contract test");
    }

    @Override
    public int greetingMessages() {
        return 0;
    }

    @Override
    public boolean hasWireFrames() {
        return true;
    }

    @Override
    public void close() {
        server.close();
    }

    // ---- WebSocketHandler ----

    @Override
    public HandshakeResponse onHandshake(HandshakeRequest request) {
        HandshakeResponse reject = rejectWith;
        return reject != null ? reject : HandshakeResponse.accept();
    }

    @Override
    public void onOpen(WsConnection connection) {
        closedFuture(connection);
        opened.add(connection);
    }

    @Override
    public void onText(WsConnection connection, String text) {
        received.add(text);
    }

    @Override
    public void onClose(WsConnection connection, int code, String reason) {
        closedFuture(connection).complete(new ContractPeer.Closed(OptionalInt.of(code), reason));
    }

    private CompletableFuture<ContractPeer.Closed> closedFuture(WsConnection c) {
        return closed.computeIfAbsent(c, k -> new CompletableFuture<>());
    }

    private final class Peer implements ContractPeer {
        private final WsConnection c;

        Peer(WsConnection c) {
            this.c = c;
        }

        @Override
        public void sendText(String text) {
            c.sendText(text);
        }

        @Override
        public void sendFragmented(String text, int fragmentBytes) {
            byte[] whole = text.getBytes(StandardCharsets.UTF_8);
            for (int from = 0; from < whole.length; from += fragmentBytes) {
                int to = Math.min(whole.length, from + fragmentBytes);
                c.sendFrame(from == 0 ? WsProtocol.OPCODE_TEXT : WsProtocol.OPCODE_CONTINUATION, to == whole.length,
                        Arrays.copyOfRange(whole, from, to));
            }
        }

        @Override
        public void sendPingsAndPongs(int count) {
            for (int i = 0; i < count; i++) {
                c.sendFrame(WsProtocol.OPCODE_PING, true, new byte[] {(byte) i});
                c.sendFrame(WsProtocol.OPCODE_PONG, true, new byte[0]);
            }
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
        public long backlog() {
            return c.pendingBytes();
        }

        @Override
        public Optional<String> serviceId() {
            return c.request().queryParam("service-id");
        }

        @Override
        public Closed awaitClosed(Duration timeout) throws InterruptedException {
            try {
                return closedFuture(c).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return null;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }
}
