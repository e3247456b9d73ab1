package dev.auraxium.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.auraxium.transport.Transport;
import dev.auraxium.transport.TransportConnection;
import dev.auraxium.transport.TransportException;
import dev.auraxium.transport.TransportListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link Transport} must keep, as an abstract JUnit Jupiter test: extend it, say how
 * to make your transport (and, if it does not reach servers over a socket, the server side), and
 * run it. Each test opens real connections to a {@link ContractServer} and checks one promise of
 * the transport SPI: whole messages (a 5 MB message sent in 64 KB fragments arrives whole: a
 * transport that limits message size must be made with a limit above that for this test), zero
 * initial demand and no message beyond demand (pings, pongs and fragments included),
 * back-pressure leaving the backlog on the server, sends kept in order under concurrency, close
 * from either side, abrupt drops, abort, closing the transport, a refused upgrade carrying its
 * status, and the listener's threading contract (never concurrent; {@code onOpen} first; one
 * final call, then silence; every call passes the very connection object that the connect future
 * returns, as decorators built on {@link dev.auraxium.transport.ForwardingTransport} do).
 *
 * <p>The server side is {@link ContractServer#webSocket()} (a real RFC 6455 server on 127.0.0.1)
 * unless {@link #newServer()} says otherwise; {@link FakeEssContractServer} serves transports that
 * reach a {@link dev.auraxium.testkit.FakeEssServer} in memory. Tests about frames on a wire are
 * skipped, with the reason, for a server without them; messages the server sends on its own
 * ({@link ContractServer#greetingMessages()}) are taken before each test's own.
 *
 * <p>Lifecycle: per test, {@link #newServer()} then {@link #newTransport()}; both closed after
 * it. The class needs JUnit Jupiter (5.10 or later, 6.x included) on the test class path; the
 * rest of the test kit does not.
 *
 * <pre>{@code
 * class JdkTransportContractTest extends TransportContractTest {
 *     protected Transport newTransport() {
 *         return JdkTransport.builder().build();
 *     }
 * }
 * }</pre>
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class TransportContractTest {
    private static final long WAIT_SECONDS = 10;
    private static final Duration WAIT = Duration.ofSeconds(WAIT_SECONDS);

    private ContractServer server;
    private Transport transport;
    private final ClientSide client = new ClientSide();

    /** For subclasses. */
    protected TransportContractTest() {
    }

    /**
     * Called after {@link #newServer()}.
     *
     * @return a new transport under test, with a connect timeout of a few seconds; closed after each test
     */
    protected abstract Transport newTransport();

    /**
     * Called before {@link #newTransport()}, so a transport bound to its server can be made.
     *
     * @return the server side for one test; by default {@link ContractServer#webSocket()}
     * @throws Exception if it cannot be started
     */
    protected ContractServer newServer() throws Exception {
        return ContractServer.webSocket();
    }

    @BeforeEach
    void start() throws Exception {
        server = newServer();
        transport = newTransport();
    }

    @AfterEach
    void stop() {
        transport.close();
        server.close();
        assertEquals(0, client.overlappingCalls.get(), "listener was called concurrently");
        assertEquals(List.of(), client.outOfOrder, "listener calls out of contract order");
    }

    /**
     * @return the client's connection, its greeting taken, demand back at zero; the server's end
     *     is {@link #serverConnection()}
     */
    private TransportConnection open() throws Exception {
        TransportConnection connection = transport.connect(server.uri(), client).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(1, client.opens.get(), "onOpen must have run before connect completed");
        assertSame(connection, client.openedWith, "onOpen must receive the same connection object that connect returns");
        int greeting = server.greetingMessages();
        if (greeting > 0) {
            connection.request(greeting);
            for (int i = 0; i < greeting; i++) {
                nextText();
            }
        }
        return connection;
    }

    private ContractPeer serverConnection() throws InterruptedException {
        ContractPeer connection = server.awaitConnection(WAIT);
        assertNotNull(connection, "the server saw no connection");
        return connection;
    }

    private String nextReceived() throws InterruptedException {
        return server.takeReceived(WAIT);
    }

    private String nextText() throws InterruptedException {
        String text = client.texts.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(text, "no message arrived");
        return text;
    }

    @Test
    void opensSendsAndReceivesWholeMessages() throws Exception {
        TransportConnection connection = open();
        ContractPeer peer = serverConnection();
        assertTrue(connection.isOpen());

        connection.sendText("{\"action\":\"echo\"}").get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals("{\"action\":\"echo\"}", nextReceived());

        connection.request(1);
        peer.sendText("{\"type\":\"heartbeat\"}");
        assertEquals("{\"type\":\"heartbeat\"}", nextText());
        assertEquals(ContractServer.SERVICE_ID, peer.serviceId().orElseThrow());
    }

    @Test
    void deliversNothingUntilDemandAndNeverBeyondIt() throws Exception {
        TransportConnection connection = open();
        ContractPeer peer = serverConnection();
        for (int i = 0; i < 10; i++) {
            peer.sendText("m" + i);
        }

        assertNull(client.texts.poll(300, TimeUnit.MILLISECONDS), "initial demand must be zero");
        connection.request(3);
        assertEquals(List.of("m0", "m1", "m2"), List.of(nextText(), nextText(), nextText()));
        assertNull(client.texts.poll(300, TimeUnit.MILLISECONDS), "a fourth message exceeded the demand of 3");

        connection.request(7);
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            rest.add(nextText());
        }
        assertEquals(List.of("m3", "m4", "m5", "m6", "m7", "m8", "m9"), rest);
    }

    @Test
    void reassemblesA5MegabyteMessageSentIn64KilobyteFragments() throws Exception {
        TransportConnection connection = open();
        ContractPeer peer = serverConnection();
        String whole = fiveMegabytesOfJson();
        peer.sendFragmented(whole, 64 * 1024);
        peer.sendText("after");

        // Two messages of demand: if fragments used up demand, the second would never come.
        connection.request(2);

        String message = nextText();
        assertEquals(whole.length(), message.length());
        assertEquals(whole, message);
        assertEquals("after", nextText());
    }

    @Test
    void pingsAndPongsDoNotUseUpDemand() throws Exception {
        assumeTrue(server.hasWireFrames(), server + " has no ping or pong frames: nothing to test");
        TransportConnection connection = open();
        ContractPeer peer = serverConnection();
        peer.sendPingsAndPongs(5);
        peer.sendText("after the pings");

        connection.request(1);

        assertEquals("after the pings", nextText());
    }

    @Test
    void withheldDemandLeavesTheBacklogOnTheServerAndDeliversItInOrderLater() throws Exception {
        TransportConnection connection = open();
        ContractPeer peer = serverConnection();
        String filler = "x".repeat(16 * 1024);
        int count = 2_000; // about 32 MB, far beyond what loopback socket buffers hold
        long total = 0;
        for (int i = 0; i < count; i++) {
            String text = i + ":" + filler;
            total += text.length();
            peer.sendText(text);
        }
        long half = total / 2;

        // The client reads nothing without demand, so at most the socket buffers' worth leaves the server.
        assertFalse(waitUntil(() -> peer.backlog() < half, Duration.ofSeconds(2)),
                "without demand the client took all but " + peer.backlog() + " of " + total + " bytes");

        connection.request(Long.MAX_VALUE);
        for (int i = 0; i < count; i++) {
            String text = nextText();
            assertTrue(text.startsWith(i + ":"), "message " + i + " out of order");
        }
        assertEquals(0, peer.backlog());
    }

    @Test
    void concurrentSendsAllArriveEachSendersInOrder() throws Exception {
        TransportConnection connection = open();
        serverConnection();
        int senders = 6;
        int perSender = 300;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<CompletableFuture<List<CompletableFuture<Void>>>> jobs = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                jobs.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(go);
                    List<CompletableFuture<Void>> mine = new ArrayList<>();
                    for (int i = 0; i < perSender; i++) {
                        mine.add(connection.sendText(sender + ":" + i));
                    }
                    return mine;
                }, pool));
            }
            go.countDown();
            for (CompletableFuture<List<CompletableFuture<Void>>> job : jobs) {
                sent.addAll(job.get(WAIT_SECONDS, TimeUnit.SECONDS));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        int[] next = new int[senders];
        for (int n = 0; n < senders * perSender; n++) {
            String text = nextReceived();
            assertNotNull(text, "only " + n + " messages arrived");
            String[] parts = text.split(":");
            int sender = Integer.parseInt(parts[0]);
            assertEquals(next[sender]++, Integer.parseInt(parts[1]), "sender " + sender + " out of order");
        }
    }

    @Test
    void closeFromTheClientCompletesTheHandshakeAndReportsOnCloseOnce() throws Exception {
        TransportConnection connection = open();
        ContractPeer peer = serverConnection();

        connection.close(1000, "bye").get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertFalse(connection.isOpen());

        ContractPeer.Closed seenByServer = peer.awaitClosed(WAIT);
        assertNotNull(seenByServer, "the server did not see the close");
        if (seenByServer.code().isPresent()) {
            assertEquals(1000, seenByServer.code().getAsInt());
            assertEquals("bye", seenByServer.reason());
        }
        ClientSide.Final last = client.awaitFinal();
        assertEquals(1000, last.code());
        assertTrue(connection.close(1000, "again").isDone(), "close is idempotent");
        connection.abort();
        assertEquals(1, client.finals.get());
    }

    @Test
    void closeFromTheServerReportsItsCodeAndReason() throws Exception {
        TransportConnection connection = open();
        ContractPeer peer = serverConnection();
        connection.request(1);

        peer.close(1001, "going away");

        ClientSide.Final last = client.awaitFinal();
        assertEquals(1001, last.code());
        assertEquals("going away", last.reason());
        assertFalse(connection.isOpen());
        assertTrue(connection.sendText("late").isCompletedExceptionally(), "sending after close must fail");
    }

    @Test
    void anAbruptDropIsReportedOnceAs1006() throws Exception {
        TransportConnection connection = open();
        ContractPeer peer = serverConnection();
        connection.request(1);

        peer.abort();

        ClientSide.Final last = client.awaitFinal();
        if (last.error() == null) {
            assertEquals(1006, last.code());
        }
        connection.abort();
        connection.close(1000, "");
        assertEquals(1, client.finals.get());
    }

    @Test
    void abortByTheClientReports1006AndDropsTheSocket() throws Exception {
        TransportConnection connection = open();
        ContractPeer peer = serverConnection();

        connection.abort();

        assertEquals(1006, client.awaitFinal().code());
        ContractPeer.Closed seenByServer = peer.awaitClosed(WAIT);
        assertNotNull(seenByServer, "the server did not see the connection end");
        if (seenByServer.code().isPresent()) {
            assertEquals(1006, seenByServer.code().getAsInt());
        }
        assertEquals(1, client.finals.get());
    }

    @Test
    void closingTheTransportAbortsItsConnections() throws Exception {
        open();
        ContractPeer peer = serverConnection();

        transport.close();

        assertEquals(1006, client.awaitFinal().code());
        assertNotNull(peer.awaitClosed(WAIT), "the server did not see the connection end");
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheStream() throws Exception {
        client.throwOnText = true;
        TransportConnection connection = open();
        ContractPeer peer = serverConnection();
        connection.request(2);

        peer.sendText("one");
        peer.sendText("two");

        assertEquals("one", nextText());
        assertEquals("two", nextText());
        assertTrue(connection.isOpen());
    }

    @Test
    void rejectedUpgradeCarriesStatusAndHidesTheServiceId() throws Exception {
        server.refuseUpgrades(403);
        CompletableFuture<TransportConnection> future = transport.connect(server.uri(), client);

        ExecutionException failure = assertThrows(ExecutionException.class, () -> future.get(WAIT_SECONDS, TimeUnit.SECONDS));

        TransportException te = assertInstanceOf(TransportException.class, failure.getCause());
        assertEquals(403, te.httpStatus().orElseThrow());
        assertFalse(te.getMessage().contains("example12345"), te.getMessage());
        assertEquals(0, client.opens.get());
    }

    // ---- helpers ----

    private static String fiveMegabytesOfJson() {
        StringBuilder json = new StringBuilder(5 * 1024 * 1024 + 64);
        int i = 0;
        json.append('[');
        while (json.length() < 5 * 1024 * 1024) {
            // Multi-byte characters straddle fragment borders, so decoding must carry over between frames.
            json.append("{\"n\":").append(i++).append(",\"name\":\"Ñoño-ÆØÅ-€\"},");
        }
        json.setLength(json.length() - 1);
        json.append(']');
        return json.toString();
    }

    /** Polls a condition until it holds or the time is up; @return whether it held. */
    private static boolean waitUntil(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return condition.getAsBoolean();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                fail("start signal never came");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The client's listener: records calls and checks the threading contract. */
    private static final class ClientSide implements TransportListener {
        record Final(int code, String reason, Throwable error) {
        }

        final AtomicInteger opens = new AtomicInteger();
        final AtomicInteger finals = new AtomicInteger();
        final AtomicInteger inCall = new AtomicInteger();
        final AtomicInteger overlappingCalls = new AtomicInteger();
        final List<String> outOfOrder = new java.util.concurrent.CopyOnWriteArrayList<>();
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<Final> last = new CompletableFuture<>();
        final Map<String, Boolean> seen = new ConcurrentHashMap<>();
        volatile boolean throwOnText;
        /** The connection onOpen received; every later call must pass the same object. */
        volatile TransportConnection openedWith;

        private void enter(String what, TransportConnection connection) {
            enter(what);
            if (openedWith == null && what.equals("open")) {
                openedWith = connection;
            } else if (openedWith != null && connection != openedWith) {
                outOfOrder.add(what + " with another connection object than onOpen's");
            }
        }

        private void enter(String what) {
            if (inCall.incrementAndGet() != 1) {
                overlappingCalls.incrementAndGet();
            }
            if (finals.get() > 0) {
                outOfOrder.add(what + " after the final call");
            }
            if (!what.equals("open") && opens.get() == 0) {
                outOfOrder.add(what + " before onOpen");
            }
        }

        private void exit() {
            inCall.decrementAndGet();
        }

        Final awaitFinal() throws Exception {
            return last.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }

        @Override
        public void onOpen(TransportConnection connection) {
            enter("open", connection);
            opens.incrementAndGet();
            exit();
        }

        @Override
        public void onText(TransportConnection connection, String message) {
            enter("text", connection);
            try {
                texts.add(message);
                if (throwOnText) {
                    throw new IllegalStateException("a listener bug");
                }
            } finally {
                exit();
            }
        }

        @Override
        public void onClose(TransportConnection connection, int code, String reason) {
            enter("close", connection);
            finals.incrementAndGet();
            last.complete(new Final(code, reason, null));
            exit();
        }

        @Override
        public void onError(TransportConnection connection, Throwable error) {
            enter("error", connection);
            finals.incrementAndGet();
            last.complete(new Final(-1, "", error));
            exit();
        }
    }
}
