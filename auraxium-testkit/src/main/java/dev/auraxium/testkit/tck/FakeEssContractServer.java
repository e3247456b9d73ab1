package dev.auraxium.testkit.tck;

import dev.auraxium.testkit.ConnectionSnapshot;
import dev.auraxium.testkit.Disconnect;
import dev.auraxium.testkit.FakeEssServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A {@link ContractServer} on a {@link FakeEssServer}, for transports that reach the fake ESS
 * without a socket, such as {@link dev.auraxium.testkit.InMemoryTransport}: messages go out
 * through its {@link FakeEssServer#faults()}, what clients send is read with
 * {@link FakeEssServer#takeClientMessage(Duration)}.
 *
 * <p>The server runs without heartbeats and endpoints, so the only unasked messages are the
 * ESS greeting ({@code connectionStateChanged} and the help prompt: {@link #greetingMessages()}),
 * and accepts only {@link ContractServer#SERVICE_ID}, so an admitted connection proves the id
 * arrived intact. It cannot see close codes ({@link ContractPeer.Closed#code()} is empty) and
 * has no wire frames.
 *
 * <pre>{@code
 * class InMemoryTransportContractTest extends TransportContractTest {
 *     private FakeEssContractServer server;
 *
 *     protected ContractServer newServer() {
 *         server = FakeEssContractServer.start();
 *         return server;
 *     }
 *
 *     protected Transport newTransport() {
 *         return new InMemoryTransport(server.server());
 *     }
 * }
 * }</pre>
 */
public final class FakeEssContractServer implements ContractServer {
    private final FakeEssServer server;
    private long lastHandedOut;

    private FakeEssContractServer(FakeEssServer server) {
        this.server = server;
    }

    /** @return a started fake ESS on 127.0.0.1, set up for the contract test */
    public static FakeEssContractServer start() {
        return new FakeEssContractServer(FakeEssServer.builder().disableHeartbeats().endpoints(Map.of())
                .acceptServiceIds(SERVICE_ID).start());
    }

    /** @return the fake ESS, e.g. to make an {@link dev.auraxium.testkit.InMemoryTransport} on it */
    public FakeEssServer server() {
        return server;
    }

    @Override
    public URI uri() {
        return URI.create(server.uri() + "?environment=ps2&service-id=" + SERVICE_ID);
    }

    @Override
    public synchronized ContractPeer awaitConnection(Duration timeout) throws InterruptedException {
        ConnectionSnapshot next = poll(() -> server.connections().stream()
                .filter(c -> c.id() > lastHandedOut).findFirst().orElse(null), timeout);
        if (next == null) {
            return null;
        }
        lastHandedOut = next.id();
        return new Peer(next.id());
    }

    @Override
    public String takeReceived(Duration timeout) throws InterruptedException {
        var m = server.takeClientMessage(timeout);
        return m == null ? null : m.text();
    }

    @Override
    public void refuseUpgrades(int status) {
        server.faults().rejectHandshakes(status);
    }

    @Override
    public int greetingMessages() {
        return 2; // connectionStateChanged and the help prompt; no endpoints, so no serviceStateChanged
    }

    @Override
    public boolean hasWireFrames() {
        return false;
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "FakeEssContractServer[" + server + "]";
    }

    /** Polls until the supplier gives non-null or time is up. */
    private static <T> T poll(Supplier<T> what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T t = what.get();
            if (t != null || System.nanoTime() >= deadline) {
                return t;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private final class Peer implements ContractPeer {
        private final long id;

        Peer(long id) {
            this.id = id;
        }

        private Optional<ConnectionSnapshot> snapshot() {
            return server.connections().stream().filter(c -> c.id() == id).findFirst();
        }

        @Override
        public void sendText(String text) {
            server.faults().sendText(id, text);
        }

        @Override
        public void sendFragmented(String text, int fragmentBytes) {
            server.faults().sendText(id, text); // no frames in memory: the message is whole anyway
        }

        @Override
        public void sendPingsAndPongs(int count) {
            throw new UnsupportedOperationException("a fake ESS reached in memory has no ping or pong frames");
        }

        @Override
        public void close(int code, String reason) {
            server.faults().drop(id, Disconnect.close(code, reason));
        }

        @Override
        public void abort() {
            server.faults().drop(id, Disconnect.abort());
        }

        @Override
        public long backlog() {
            return snapshot().map(ConnectionSnapshot::pendingBytes).orElse(0L);
        }

        @Override
        public Optional<String> serviceId() {
            return Optional.of(SERVICE_ID); // the server admits no other id
        }

        @Override
        public Closed awaitClosed(Duration timeout) throws InterruptedException {
            Boolean ended = poll(() -> snapshot().map(s -> s.open() ? null : Boolean.TRUE).orElse(null), timeout);
            return ended == null ? null : new Closed(OptionalInt.empty(), "");
        }
    }
}
