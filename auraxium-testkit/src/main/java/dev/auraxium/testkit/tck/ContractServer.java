package dev.auraxium.testkit.tck;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * The server side of a {@link TransportContractTest} run: where the transport under test
 * connects, and the handle on each connection it accepts. The test kit supplies two:
 * {@link #webSocket()}, a bare RFC 6455 server on 127.0.0.1 for network transports, and
 * {@link FakeEssContractServer}, a {@link dev.auraxium.testkit.FakeEssServer} for transports
 * (such as {@link dev.auraxium.testkit.InMemoryTransport}) that reach it without a socket.
 *
 * <p>Lifecycle: one per test, made by {@link TransportContractTest#newServer()} before the
 * transport, closed after the test. Thread-safe.
 *
 * <pre>{@code
 * try (ContractServer server = ContractServer.webSocket()) {
 *     TransportConnection c = transport.connect(server.uri(), listener).join();
 *     ContractPeer peer = server.awaitConnection(Duration.ofSeconds(5));
 *     peer.sendText("hello");
 * }
 * }</pre>
 */
public interface ContractServer extends AutoCloseable {
    /** The service id in {@link #uri()}; contract tests check that it never appears in errors. */
    String SERVICE_ID = "s:example12345";

    /**
     * @return the ESS-style URI to connect to:
     *     {@code ws://host:port/streaming?environment=ps2&service-id=}{@value #SERVICE_ID}
     */
    URI uri();

    /**
     * @param timeout how long to wait
     * @return the next connection accepted and not returned before, or null on timeout
     * @throws InterruptedException if interrupted
     */
    ContractPeer awaitConnection(Duration timeout) throws InterruptedException;

    /**
     * @param timeout how long to wait
     * @return the oldest text a client sent that was not taken yet, or null on timeout
     * @throws InterruptedException if interrupted
     */
    String takeReceived(Duration timeout) throws InterruptedException;

    /**
     * Refuses every later upgrade with this HTTP status.
     *
     * @param status e.g. 403
     */
    void refuseUpgrades(int status);

    /**
     * @return how many messages the server sends on its own to every new connection before
     *     anything a test sends (the ESS greets its clients); the contract test takes them first
     */
    int greetingMessages();

    /**
     * @return whether there are WebSocket frames on a wire (fragments, pings, pongs); false for a
     *     server reached in memory, where the frame-level tests are skipped
     */
    boolean hasWireFrames();

    /** Ends every connection and frees the port. Idempotent. */
    @Override
    void close();

    /**
     * @return a started bare WebSocket server on 127.0.0.1, any free port; it accepts every upgrade
     *     until {@link #refuseUpgrades(int)} and greets no one
     * @throws IOException if the socket cannot be bound
     */
    static ContractServer webSocket() throws IOException {
        return WebSocketContractServer.start();
    }
}
