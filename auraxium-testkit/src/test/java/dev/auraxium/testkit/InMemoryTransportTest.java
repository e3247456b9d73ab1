package dev.auraxium.testkit;

import static dev.auraxium.testkit.TestEvents.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.auraxium.event.Environment;
import dev.auraxium.protocol.ConnectionStateChanged;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.HelpPrompt;
import dev.auraxium.protocol.ServerMessage;
import dev.auraxium.protocol.ServiceMessage;
import dev.auraxium.protocol.ServiceStateChanged;
import dev.auraxium.protocol.SubscriptionReply;
import dev.auraxium.transport.TransportConnection;
import dev.auraxium.transport.TransportException;
import dev.auraxium.transport.TransportListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class InMemoryTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private FakeEssServer server;
    private InMemoryTransport transport;

    @BeforeEach
    void start() {
        server = FakeEssServer.builder().heartbeatInterval(Duration.ofMillis(100)).start();
        transport = new InMemoryTransport(server);
    }

    @AfterEach
    void stop() {
        transport.close();
        server.close();
    }

    /** Records calls and checks the SPI's contract: never two calls at once, nothing after the end. */
    static final class Recorder implements TransportListener {
        final LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final List<String> all = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final CompletableFuture<Throwable> failed = new CompletableFuture<>();
        final AtomicInteger inside = new AtomicInteger();
        volatile String violation;
        volatile boolean opened;
        final long initialDemand;

        Recorder(long initialDemand) {
            this.initialDemand = initialDemand;
        }

        private void enter(String what) {
            if (inside.incrementAndGet() != 1) {
                violation = "concurrent call: " + what;
            }
            if (closed.isDone() || failed.isDone()) {
                violation = what + " after the end";
            }
        }

        @Override
        public void onOpen(TransportConnection c) {
            enter("onOpen");
            opened = true;
            if (initialDemand > 0) {
                c.request(initialDemand);
            }
            inside.decrementAndGet();
        }

        @Override
        public void onText(TransportConnection c, String message) {
            enter("onText");
            if (!opened) {
                violation = "onText before onOpen";
            }
            all.add(message);
            texts.add(message);
            inside.decrementAndGet();
        }

        @Override
        public void onClose(TransportConnection c, int code, String reason) {
            enter("onClose");
            inside.decrementAndGet();
            closed.complete(code);
        }

        @Override
        public void onError(TransportConnection c, Throwable error) {
            enter("onError");
            inside.decrementAndGet();
            failed.complete(error);
        }

        ServerMessage next() throws InterruptedException {
            String m = texts.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (m == null) {
                fail("no message within " + WAIT);
            }
            return EssCodec.standard().decodeServerMessage(m);
        }
    }

    private TransportConnection connect(Recorder r) {
        return transport.connect(server.uri(Environment.PS2, "s:example"), r).join();
    }

    @Test
    void deliversTheConnectSequenceThroughTheSpi() throws Exception {
        Recorder r = new Recorder(Long.MAX_VALUE);
        TransportConnection c = connect(r);
        assertTrue(r.opened, "the future completes after onOpen returned");
        assertEquals(new ConnectionStateChanged(true), r.next());
        assertEquals(new HelpPrompt(), r.next());
        for (int i = 0; i < 6; i++) {
            assertInstanceOf(ServiceStateChanged.class, r.next());
        }
        assertTrue(c.isOpen());
        assertEquals(1, server.connections().size());
        assertEquals(null, r.violation);
    }

    @Test
    void subscribesAndReceivesSelectedEvents() throws Exception {
        Recorder r = new Recorder(Long.MAX_VALUE);
        TransportConnection c = connect(r);
        c.sendText("{\"service\":\"event\",\"action\":\"subscribe\",\"eventNames\":[\"PlayerLogin\"],"
                + "\"worlds\":[\"17\"]}").join();
        SubscriptionReply reply = (SubscriptionReply) nextOf(r, SubscriptionReply.class);
        assertEquals(List.of("17"), reply.worlds());
        assertEquals(0, server.publish(TestEvents.login(10, ALICE)));
        assertEquals(1, server.publish(TestEvents.login(17, ALICE)));
        assertEquals(TestEvents.login(17, ALICE), ((ServiceMessage) nextOf(r, ServiceMessage.class)).event());
        assertEquals("subscribe", server.takeClientMessage(WAIT).command().orElseThrow().action());
    }

    private static ServerMessage nextOf(Recorder r, Class<? extends ServerMessage> type) throws InterruptedException {
        while (true) {
            ServerMessage m = r.next();
            if (type.isInstance(m)) {
                return m;
            }
        }
    }

    @Test
    void deliversNothingWithoutDemandAndExactlyWhatWasRequested() throws Exception {
        Recorder r = new Recorder(0);
        TransportConnection c = connect(r);
        c.request(2);
        assertEquals(new ConnectionStateChanged(true), r.next());
        assertEquals(new HelpPrompt(), r.next());
        // Six endpoint states and heartbeats wait in the pipe; without demand none may arrive.
        c.close(1000, "done").join();
        assertEquals(1000, r.closed.get(5, TimeUnit.SECONDS));
        assertEquals(2, r.all.size(), "only the requested messages were delivered: " + r.all);
        assertFalse(c.isOpen());
        assertEquals(null, r.violation);
        assertThrows(IllegalArgumentException.class, () -> c.request(0));
    }

    @Test
    void refusedUpgradeFailsWithTheHttpStatus() {
        server.faults().rejectHandshakes(503, Duration.ofSeconds(7));
        CompletionException e = assertThrows(CompletionException.class, () -> connect(new Recorder(1)));
        TransportException t = assertInstanceOf(TransportException.class, e.getCause());
        assertEquals(503, t.httpStatus().getAsInt());
        assertEquals(Duration.ofSeconds(7), t.retryAfter().orElseThrow());
        server.faults().acceptHandshakes();
        CompletionException bad = assertThrows(CompletionException.class,
                () -> transport.connect(server.uri(Environment.PS2, "nope"), new Recorder(1)).join());
        assertTrue(((TransportException) bad.getCause()).isFatal());
    }

    @Test
    void serverCloseArrivesAfterEarlierMessagesAndAbortAt1006() throws Exception {
        Recorder a = new Recorder(Long.MAX_VALUE);
        connect(a);
        Recorder b = new Recorder(Long.MAX_VALUE);
        connect(b);
        assertTrue(server.awaitConnections(2, WAIT));
        List<ConnectionSnapshot> conns = server.connections();
        server.faults().drop(conns.get(0).id(), Disconnect.close(4000, "bye"));
        server.faults().drop(conns.get(1).id(), Disconnect.abort());
        assertEquals(4000, a.closed.get(5, TimeUnit.SECONDS));
        assertTrue(a.all.size() >= 8, "the connect sequence came before the close");
        assertEquals(1006, b.closed.get(5, TimeUnit.SECONDS));
        assertFalse(server.connections().get(0).open());
    }

    @Test
    void malformedFrameFaultEndsTheConnectionWithAnError() throws Exception {
        Recorder r = new Recorder(Long.MAX_VALUE);
        connect(r);
        server.faults().sendMalformedFrame(server.connections().get(0).id(), MalformedFrame.RESERVED_OPCODE);
        assertInstanceOf(TransportException.class, r.failed.get(5, TimeUnit.SECONDS));
        assertFalse(r.closed.isDone());
    }

    @Test
    void closingTheTransportAbortsItsConnections() throws Exception {
        Recorder r = new Recorder(1);
        TransportConnection c = connect(r);
        transport.close();
        assertEquals(1006, r.closed.get(5, TimeUnit.SECONDS));
        assertFalse(c.isOpen());
        assertTrue(c.sendText("{}").isCompletedExceptionally());
    }
}
