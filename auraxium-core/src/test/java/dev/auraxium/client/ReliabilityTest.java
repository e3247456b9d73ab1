package dev.auraxium.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.event.Death;
import dev.auraxium.event.Event;
import dev.auraxium.event.Events;
import dev.auraxium.event.GainExperience;
import dev.auraxium.event.Trigger;
import dev.auraxium.protocol.Subscribe;
import dev.auraxium.transport.Transport;
import dev.auraxium.transport.TransportConnection;
import dev.auraxium.transport.TransportListener;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Backoff, watchdogs, redundancy, dedup and lifecycle of the client, over the in-memory fake
 * transport with a hand-moved clock (no sleeping: time moves only when the test says so).
 */
@Timeout(20)
class ReliabilityTest {
    static final String HEARTBEAT = "{\"online\":{\"EventServerEndpoint_Connery_1\":\"true\"},\"service\":\"event\","
            + "\"timestamp\":\"1717171717\",\"type\":\"heartbeat\"}";
    static final Duration WAIT = Duration.ofSeconds(5);

    final FakeTransport transport = new FakeTransport();
    final ManualTimers timers = new ManualTimers();
    final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    final List<ConnectionEvent> connectionEvents = new CopyOnWriteArrayList<>();
    EventClient client;

    EventClient.Builder builder() {
        return EventClient.builder().transport(transport).serviceId("abcdefghijkl")
                .endpoint(URI.create("ws://127.0.0.1:1/streaming")).errorHandler(errors::add)
                .timers(timers).random(() -> 0.0) // jitter at 0 means each delay is exactly its bound
                .reconnectBackoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1))
                .stablePeriod(Duration.ofSeconds(30))
                .heartbeatTimeout(Duration.ZERO).subscriptionProbeInterval(Duration.ZERO)
                .subscriptionProbeTimeout(Duration.ZERO)
                .connectionListener(connectionEvents::add);
    }

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    static String frame(Event e) {
        return EventClientTest.frame(e);
    }

    List<ConnectionEvent.Kind> kinds() {
        List<ConnectionEvent.Kind> out = new ArrayList<>();
        connectionEvents.forEach(e -> out.add(e.kind()));
        return out;
    }

    @Test
    void backsOffExponentiallyWhileTheServerIsDownAndResetsAfterAStablePeriod() throws Exception {
        client = builder().build();
        transport.rejectWith = 503;
        client.connect();
        assertEquals(1, transport.attempts.get());
        long[] boundsMs = {100, 200, 400, 800, 1000, 1000};
        for (long ms : boundsMs) {
            int before = transport.attempts.get();
            timers.advance(Duration.ofMillis(ms - 1));
            assertEquals(before, transport.attempts.get(), "retried before its " + ms + " ms delay");
            timers.advance(Duration.ofMillis(1));
            assertEquals(before + 1, transport.attempts.get(), "no retry after its " + ms + " ms delay");
        }
        // a long outage: one attempt per cap, never a loop
        timers.advance(Duration.ofMinutes(1));
        assertEquals(7 + 60, transport.attempts.get());
        assertEquals(67, client.stats().connectFailures(), "every attempt failed");
        assertTrue(kinds().contains(ConnectionEvent.Kind.RETRY_SCHEDULED));

        transport.rejectWith = 0;
        timers.advance(Duration.ofSeconds(1));
        FakeTransport.Conn c = transport.take();
        client.addTrigger(Trigger.on(Death.class).action(d -> { }).build());
        client.awaitReady(WAIT);
        timers.advance(Duration.ofSeconds(31)); // stable: the next loss starts over at 100 ms
        int before = transport.attempts.get();
        c.serverClose(1006);
        timers.advance(Duration.ofMillis(100));
        assertEquals(before + 1, transport.attempts.get());
        client.awaitReady(WAIT);
        assertEquals(Map.of(ConnectionCause.CONNECTION_CLOSED, 1L), client.stats().reconnectsByCause());
    }

    @Test
    void aServerThatAcceptsAndDropsAtOnceStillBacksOff() throws Exception {
        client = builder().build();
        client.connect();
        long[] boundsMs = {100, 200, 400, 800};
        for (long ms : boundsMs) {
            transport.take().serverClose(1006);
            int before = transport.attempts.get();
            timers.advance(Duration.ofMillis(ms - 1));
            assertEquals(before, transport.attempts.get(), "reconnected before " + ms + " ms");
            timers.advance(Duration.ofMillis(1));
            assertEquals(before + 1, transport.attempts.get());
        }
        assertEquals(Map.of(ConnectionCause.CONNECTION_CLOSED, 4L), client.stats().reconnectsByCause());
    }

    @Test
    void replacesAConnectionWithoutHeartbeatsMakeBeforeBreak() throws Exception {
        BlockingQueue<Event> seen = new LinkedBlockingQueue<>();
        client = builder().heartbeatTimeout(Duration.ofMillis(200)).build();
        client.on(Death.class, seen::add);
        client.awaitReady(WAIT);
        FakeTransport.Conn old = transport.take();
        for (int i = 0; i < 5; i++) { // beating in time: nothing happens
            timers.advance(Duration.ofMillis(150));
            old.push(HEARTBEAT);
        }
        assertTrue(transport.opened.isEmpty());

        transport.autoReply = false;
        timers.advance(Duration.ofMillis(260)); // the beat is late: a replacement opens
        FakeTransport.Conn next = transport.take();
        assertTrue(old.isOpen(), "the stale connection was closed before its replacement was subscribed");
        Subscribe sub = (Subscribe) next.takeCommand();
        old.push(frame(Events.death(1, 2, 1))); // the old one still delivers meanwhile
        assertEquals(1, EventClientTest.take(seen).worldId());
        next.push(next.reply(dev.auraxium.internal.subscription.SubscriptionDiff.apply(
                dev.auraxium.protocol.Subscription.EMPTY, sub)));
        timers.advance(Duration.ofMillis(10));
        assertFalse(old.isOpen(), "the replaced connection stayed open");
        assertTrue(next.isOpen());
        assertEquals(Map.of(ConnectionCause.HEARTBEAT_TIMEOUT, 1L), client.stats().reconnectsByCause());
        assertEquals(Map.of(ConnectionCause.HEARTBEAT_TIMEOUT, 1L), client.stats().watchdogTrips());
        List<ConnectionEvent.Kind> k = kinds();
        assertTrue(k.indexOf(ConnectionEvent.Kind.REPLACING) < k.lastIndexOf(ConnectionEvent.Kind.READY)
                && k.lastIndexOf(ConnectionEvent.Kind.READY) < k.indexOf(ConnectionEvent.Kind.REPLACED), k.toString());
        next.push(frame(Events.death(1, 2, 10)));
        assertEquals(10, EventClientTest.take(seen).worldId());
    }

    @Test
    void handsOverWhatAReplacedConnectionStillCarriedBeforeItCloses() throws Exception {
        BlockingQueue<Event> seen = new LinkedBlockingQueue<>();
        transport.gracefulClose = true;
        client = builder().heartbeatTimeout(Duration.ofMillis(200)).build();
        client.on(Death.class, seen::add);
        client.awaitReady(WAIT);
        FakeTransport.Conn old = transport.take();
        transport.autoReply = false;
        timers.advance(Duration.ofMillis(260)); // no beat: a replacement opens
        FakeTransport.Conn next = transport.take();
        Subscribe sub = (Subscribe) next.takeCommand();
        next.push(next.reply(dev.auraxium.internal.subscription.SubscriptionDiff.apply(
                dev.auraxium.protocol.Subscription.EMPTY, sub)));
        assertTrue(old.closeRequested, "the replaced connection was not closed after the replacement was ready");
        assertTrue(kinds().contains(ConnectionEvent.Kind.REPLACED), kinds().toString());
        // what the server had queued for the old connection before the replacement was
        // subscribed arrives after our close frame: it exists nowhere else
        old.push(frame(Events.death(7, 2, 1)));
        assertEquals(7L, ((Death) EventClientTest.take(seen)).characterId());
        // the overlap (sent on both) is delivered once
        String both = frame(Events.death(8, 2, 1));
        old.push(both);
        next.push(both);
        assertEquals(8L, ((Death) EventClientTest.take(seen)).characterId());
        assertNull(seen.poll(100, TimeUnit.MILLISECONDS));
        assertEquals(1, client.stats().duplicatesDropped());
        timers.advance(Duration.ofMillis(150));
        assertTrue(transport.opened.isEmpty(), "a watchdog acted on the draining connection");
        old.serverClose(1000); // the server answers the close frame: the drain ends
        assertEquals(1, client.stats().openConnections());
        assertEquals(Map.of(ConnectionCause.HEARTBEAT_TIMEOUT, 1L), client.stats().reconnectsByCause());
        next.push(frame(Events.death(9, 2, 1)));
        assertEquals(9L, ((Death) EventClientTest.take(seen)).characterId());
    }

    @Test
    void replacesAConnectionWhoseProbeGoesUnansweredAndRepairsADrift() throws Exception {
        client = builder().subscriptionProbeInterval(Duration.ofSeconds(1))
                .subscriptionProbeTimeout(Duration.ofMillis(500)).build();
        client.on(Death.class, d -> { });
        client.awaitReady(WAIT);
        FakeTransport.Conn c = transport.take();
        c.takeCommand(); // the subscribe
        // drift: the server silently lost the subscription; the next probe shows it
        c.state = dev.auraxium.protocol.Subscription.EMPTY;
        timers.advance(Duration.ofSeconds(1));
        assertTrue(c.takeCommand() instanceof Subscribe, "no probe");
        assertEquals(1, client.stats().subscriptionDrifts());
        assertTrue(c.state.eventNames().contains("Death"), "the drift was not repaired: " + c.state);
        assertTrue(kinds().contains(ConnectionEvent.Kind.DRIFT));
        assertTrue(transport.opened.isEmpty());

        transport.autoReply = false; // now the server stops answering probes
        timers.advance(Duration.ofSeconds(1));
        timers.advance(Duration.ofMillis(400));
        assertTrue(transport.opened.isEmpty(), "replaced before the probe timeout");
        timers.advance(Duration.ofMillis(300));
        assertTrue(transport.opened.poll() != null, "no replacement after the probe went unanswered");
        assertEquals(1L, client.stats().reconnectsByCause().get(ConnectionCause.PROBE_TIMEOUT));
    }

    @Test
    void replacesAConnectionOnWhichAnOnlineWorldFellSilent() throws Exception {
        client = builder().worldSilenceTimeout(Duration.ofSeconds(1)).build();
        client.addTrigger(Trigger.on(Death.class).worlds(1).action(d -> { }).build());
        client.awaitReady(WAIT);
        FakeTransport.Conn c = transport.take();
        c.push(HEARTBEAT);
        for (int i = 0; i < 10; i++) {
            timers.advance(Duration.ofMillis(300));
            c.push(frame(Events.death(100 + i, 2, 1)));
        }
        assertTrue(transport.opened.isEmpty(), "replaced although the world kept talking");
        timers.advance(Duration.ofMillis(1300));
        assertTrue(transport.opened.poll() != null, "the silent world was not noticed");
        assertEquals(Map.of(ConnectionCause.WORLD_SILENCE, 1L), client.stats().watchdogTrips());
    }

    @Test
    void keepsNConnectionsAndDeliversEachCrossConnectionCopyOnce() throws Exception {
        BlockingQueue<Event> seen = new LinkedBlockingQueue<>();
        client = builder().connections(2).build();
        client.on(GainExperience.class, seen::add);
        client.awaitReady(WAIT);
        FakeTransport.Conn a = transport.take();
        FakeTransport.Conn b = transport.take();
        String one = frame(Events.xp(1, 7, 1));
        String tick = frame(Events.xp(2, 7, 1));
        a.push(one);
        b.push(one);
        a.push(tick); // a real repeated tick: a sees it twice, b once
        b.push(tick);
        a.push(tick);
        String last = frame(Events.xp(3, 7, 1));
        b.push(last);
        a.push(last);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(((GainExperience) EventClientTest.take(seen)).characterId());
        }
        assertEquals(List.of(1L, 2L, 2L, 3L), ids);
        assertNull(seen.poll(100, TimeUnit.MILLISECONDS));
        assertEquals(3, client.stats().duplicatesDropped());
        assertEquals(2, client.stats().openConnections());

        a.serverClose(1006); // one drop: the other keeps delivering
        b.push(frame(Events.xp(4, 7, 1)));
        assertEquals(4L, ((GainExperience) EventClientTest.take(seen)).characterId());
    }

    @Test
    void dropsRepeatsOnOneConnectionWhenAsked() throws Exception {
        BlockingQueue<Event> seen = new LinkedBlockingQueue<>();
        client = builder().deduplicate(Duration.ofSeconds(5), true).build();
        client.on(Death.class, seen::add);
        client.awaitReady(WAIT);
        FakeTransport.Conn c = transport.take();
        String d = frame(Events.death(1, 2, 1));
        c.push(d);
        c.push(d);
        c.push(frame(Events.death(3, 2, 1)));
        assertEquals(1, ((Death) EventClientTest.take(seen)).characterId());
        assertEquals(3, ((Death) EventClientTest.take(seen)).characterId());
        assertEquals(1, client.stats().duplicatesDropped());
        timers.advance(Duration.ofSeconds(6)); // outside the window it is new again
        c.push(d);
        assertEquals(1, ((Death) EventClientTest.take(seen)).characterId());
    }

    @Test
    void closeDuringBackoffCancelsTheRetry() throws Exception {
        client = builder().build();
        transport.rejectWith = 503;
        client.connect();
        client.close();
        timers.advance(Duration.ofMinutes(5));
        assertEquals(1, transport.attempts.get());
        assertTrue(timers.isShutdown());
        client.close(); // twice: no effect
    }

    @Test
    void closeDuringConnectAbortsTheLateConnection() throws Exception {
        CompletableFuture<TransportListener> listener = new CompletableFuture<>();
        Transport slow = new Transport() {
            @Override
            public CompletableFuture<TransportConnection> connect(URI uri, TransportListener l) {
                listener.complete(l);
                return new CompletableFuture<>();
            }

            @Override
            public String name() {
                return "slow";
            }

            @Override
            public void close() {
            }
        };
        client = builder().transport(slow).build();
        client.connect();
        client.close();
        FakeTransport.Conn late = transport.new Conn(listener.get(1, TimeUnit.SECONDS));
        listener.get().onOpen(late);
        assertFalse(late.isOpen(), "a connection that opened after close() was kept");
        assertEquals(0, client.stats().openConnections());
    }

    @Test
    void disconnectThenConnectOpensAFreshSubscribedConnection() throws Exception {
        client = builder().build();
        client.on(Death.class, d -> { });
        client.awaitReady(WAIT);
        FakeTransport.Conn first = transport.take();
        client.disconnect();
        assertFalse(first.isOpen());
        assertFalse(client.isReady());
        client.connect().get(5, TimeUnit.SECONDS);
        FakeTransport.Conn second = transport.take();
        assertTrue(second.takeCommand() instanceof Subscribe);
        assertTrue(client.isReady());
        assertTrue(kinds().contains(ConnectionEvent.Kind.CLOSED));
    }

    @Test
    void closeFromInsideATriggerActionLeavesNoThreadBehind() throws Exception {
        EventClient real = EventClient.builder().transport(transport).serviceId("abcdefghijkl")
                .endpoint(URI.create("ws://127.0.0.1:1/streaming")).heartbeatTimeout(Duration.ofMillis(100)).build();
        String prefix = real.toString().substring("EventClient[".length(), real.toString().indexOf(','));
        CountDownLatch acted = new CountDownLatch(1);
        real.on(Death.class, d -> {
            real.close();
            acted.countDown();
        });
        real.awaitReady(WAIT);
        transport.take().push(frame(Events.death(1, 2, 1)));
        assertTrue(acted.await(5, TimeUnit.SECONDS));
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix + "-")) {
                t.join(5_000);
                assertFalse(t.isAlive(), t.getName() + " is still running after close()");
            }
        }
        real.close(); // twice
    }

    @Test
    void closeReturnsWithNoThreadOfTheClientRunning() throws Exception {
        EventClient real = EventClient.builder().transport(transport).serviceId("abcdefghijkl")
                .endpoint(URI.create("ws://127.0.0.1:1/streaming")).build();
        String prefix = real.toString().substring("EventClient[".length(), real.toString().indexOf(','));
        real.on(Death.class, d -> { });
        real.awaitReady(WAIT);
        real.close();
        List<String> left = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix + "-") && t.isAlive()) {
                left.add(t.getName());
            }
        }
        assertEquals(List.of(), left);
    }
}
