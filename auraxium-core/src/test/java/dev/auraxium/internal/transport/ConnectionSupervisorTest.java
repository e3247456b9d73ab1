package dev.auraxium.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.client.ConnectionCause;
import dev.auraxium.client.ConnectionEvent.Kind;
import dev.auraxium.client.FakeTransport;
import dev.auraxium.client.ManualTimers;
import dev.auraxium.transport.TransportConnection;
import dev.auraxium.transport.TransportException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The supervisor on its own, on the in-memory fake transport (which opens a connection within
 * {@code connect}) and manual timers (time moves only when a test advances it), so the backoff
 * schedule is checked to the nanosecond and nothing waits. The jitter source always answers 0, so
 * every delay is its bound.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionSupervisorTest {
    static final Duration INITIAL = Duration.ofMillis(100);
    static final Duration STABLE = Duration.ofSeconds(60);
    static final Backoff BACKOFF = new Backoff(INITIAL, 2.0, Duration.ofSeconds(5), STABLE);

    /** What the supervisor tells its client, as lines a test can compare. */
    static final class RecordingSession implements ConnectionSupervisor.Session {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<Duration> retryIns = new CopyOnWriteArrayList<>();
        final List<TransportConnection> opened = new CopyOnWriteArrayList<>();
        final List<String> closed = new CopyOnWriteArrayList<>();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
        final List<String> texts = new CopyOnWriteArrayList<>();
        final List<TransportConnection> draining = new CopyOnWriteArrayList<>();

        @Override
        public void opened(int slot, TransportConnection connection) {
            opened.add(connection);
            connection.request(1_000); // as the client does: frames flow against demand
        }

        @Override
        public void text(TransportConnection connection, String text) {
            texts.add(text);
        }

        @Override
        public void closed(int slot, TransportConnection connection, ConnectionCause cause, String detail) {
            closed.add(slot + ":" + cause + (detail.isEmpty() ? "" : ":" + detail));
        }

        @Override
        public void failed(int slot, Throwable error, boolean fatal) {
            failures.add(error);
        }

        @Override
        public void event(int slot, Kind kind, ConnectionCause cause, String detail, Duration retryIn) {
            events.add(slot + ":" + kind + (cause == ConnectionCause.NONE ? "" : ":" + cause)
                    + (detail.isEmpty() ? "" : ":" + detail));
            if (kind == Kind.RETRY_SCHEDULED) {
                retryIns.add(retryIn);
            }
        }

        @Override
        public void draining(int slot, TransportConnection connection) {
            draining.add(connection);
        }

        /** Events since the last call, so each step of a test states what it caused. */
        List<String> drainEvents() {
            List<String> out = List.copyOf(events);
            events.clear();
            return out;
        }
    }

    final FakeTransport transport = new FakeTransport();
    final ManualTimers timers = new ManualTimers();
    final RecordingSession session = new RecordingSession();

    @BeforeEach
    void quietFake() {
        transport.sendConnected = false; // the supervisor does not read frames; the tests push their own
    }

    ConnectionSupervisor supervisor(int connections) {
        return new ConnectionSupervisor(transport, URI.create("ws://fake/streaming"), connections, BACKOFF, timers,
                () -> 0.0, session);
    }

    static long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }

    @Test
    void startOpensEverySlotOnceAndStartingAgainDoesNothing() throws Exception {
        ConnectionSupervisor s = supervisor(2);
        s.start();
        s.start();

        assertEquals(2, transport.attempts.get());
        assertEquals(2, s.openConnections());
        assertTrue(s.isActive());
        assertEquals(List.of("0:CONNECTING", "0:OPENED", "1:CONNECTING", "1:OPENED"), session.drainEvents());
        assertEquals(2, session.opened.size());
        assertEquals(0, timers.pending(), "no timer while every slot is open");
    }

    @Test
    void backoffDoublesForConnectionsThatDropAtOnceAndResetsAfterTheStablePeriod() throws Exception {
        ConnectionSupervisor s = supervisor(1);
        s.start();

        transport.take().serverClose(1006);
        assertEquals(List.of("0:CONNECTING", "0:OPENED", "0:LOST:CONNECTION_CLOSED:1006", "0:RETRY_SCHEDULED:CONNECTION_CLOSED:1006"),
                session.drainEvents());
        timers.advance(INITIAL.minusNanos(1));
        assertEquals(1, transport.attempts.get(), "retried before the delay was over");
        timers.advance(Duration.ofNanos(1));
        assertEquals(2, transport.attempts.get());

        transport.take().serverClose(1006); // the second drops at once: not stable, the bound doubles
        timers.advance(Duration.ofMillis(200));
        transport.take().serverClose(1006);
        timers.advance(Duration.ofMillis(400));
        FakeTransport.Conn stable = transport.take();
        timers.advance(STABLE); // open for the stable period: the next loss starts over
        stable.serverClose(1006);

        assertEquals(List.of(ms(100), ms(200), ms(400), ms(100)), timers.scheduledDelays);
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(100)), session.retryIns, "the delays announced to the listener");
        assertEquals(Map.of(ConnectionCause.CONNECTION_CLOSED, 4L), s.reconnects());
        assertEquals(4, transport.attempts.get());
        assertEquals(0, s.openConnections());
        assertTrue(s.isActive(), "still reconnecting");
    }

    @Test
    void refusedAttemptsBackOffUntilA403StopsEverySlotForGood() throws Exception {
        ConnectionSupervisor s = supervisor(2);
        s.start();
        FakeTransport.Conn other = transport.take();
        FakeTransport.Conn first = transport.take();
        transport.rejectWith = 503;
        first.serverClose(1006);

        timers.advance(Duration.ofMillis(100)); // refused: 200 ms next
        timers.advance(Duration.ofMillis(200)); // refused: 400 ms next
        assertEquals(List.of(ms(100), ms(200), ms(400)), timers.scheduledDelays);
        assertEquals(2, s.failures());
        assertTrue(session.failures.stream().allMatch(e -> e instanceof TransportException te && !te.isFatal()));

        transport.rejectWith = 403;
        session.drainEvents();
        timers.advance(Duration.ofMillis(400));

        assertEquals(List.of("1:CONNECTING", "1:REJECTED:SERVICE_ID_REJECTED:HTTP 403"), session.drainEvents());
        TransportException fatal = assertInstanceOf(TransportException.class, session.failures.get(2));
        assertTrue(fatal.isFatal());
        assertFalse(s.isActive());
        assertEquals(0, timers.pending(), "a retry left after the 403");
        assertFalse(other.isOpen(), "the other slot's connection was left open after the 403");
        assertTrue(session.closed.contains("0:CLIENT_CLOSE:service id rejected"), () -> "closed: " + session.closed);
        int attempts = transport.attempts.get();
        timers.advance(Duration.ofMinutes(10));
        assertEquals(attempts, transport.attempts.get(), "attempts after the 403");
    }

    @Test
    void replacementIsMadeBeforeTheOldConnectionIsBrokenAndTheOldOneDrains() throws Exception {
        transport.gracefulClose = true; // the old connection reads on until the server answers its close
        ConnectionSupervisor s = supervisor(1);
        s.start();
        FakeTransport.Conn old = transport.take();
        session.drainEvents();

        s.replace(old, ConnectionCause.HEARTBEAT_TIMEOUT);
        s.replace(old, ConnectionCause.HEARTBEAT_TIMEOUT); // a second watchdog verdict while the standby opens changes nothing
        FakeTransport.Conn standby = transport.take();
        assertEquals(List.of("0:REPLACING:HEARTBEAT_TIMEOUT", "0:CONNECTING", "0:OPENED"), session.drainEvents());
        assertEquals(2, transport.attempts.get());
        assertEquals(List.of(old, standby), session.opened);
        assertTrue(old.isOpen() && !old.closeRequested, "the old connection was closed before the standby was ready");
        assertEquals(1, s.openConnections(), "the standby is not a primary yet");
        old.push("on old, before");
        standby.push("on standby, before");

        s.promote(standby);

        assertEquals(List.of("0:REPLACED:HEARTBEAT_TIMEOUT"), session.drainEvents());
        assertTrue(old.closeRequested, "the old connection was not closed after the promotion");
        assertEquals(List.of(old), session.draining);
        old.push("on old, draining"); // what the server queued for it before the standby subscribed
        old.serverClose(1000);
        assertEquals(List.of("0:CLIENT_CLOSE:replaced"), session.closed);
        assertEquals(List.of("on old, before", "on standby, before", "on old, draining"), session.texts);
        assertEquals(Map.of(ConnectionCause.HEARTBEAT_TIMEOUT, 1L), s.reconnects());
        assertEquals(1, s.openConnections());
        assertEquals(List.of(), session.drainEvents(), "the drained connection's close is no loss");

        standby.serverClose(1006); // the promoted one is the primary: its loss reconnects
        assertEquals(List.of("0:LOST:CONNECTION_CLOSED:1006", "0:RETRY_SCHEDULED:CONNECTION_CLOSED:1006"), session.drainEvents());
    }

    /** Starts one slot and has its connection replaced: returns the primary and the open standby. */
    private List<FakeTransport.Conn> primaryAndStandby(ConnectionSupervisor s) throws InterruptedException {
        s.start();
        FakeTransport.Conn primary = transport.take();
        s.replace(primary, ConnectionCause.HEARTBEAT_TIMEOUT);
        FakeTransport.Conn standby = transport.take();
        session.drainEvents();
        return List.of(primary, standby);
    }

    @Test
    void whenThePrimaryDiesFirstTheStandbyTakesItsPlaceWithoutABackoff() throws Exception {
        ConnectionSupervisor s = supervisor(1);
        List<FakeTransport.Conn> both = primaryAndStandby(s);
        FakeTransport.Conn old = both.get(0);
        FakeTransport.Conn standby = both.get(1);

        old.serverClose(1006);

        assertEquals(List.of("0:LOST:CONNECTION_CLOSED:1006"), session.drainEvents(), "a retry was scheduled although the standby is open");
        assertEquals(1, s.openConnections());
        assertEquals(0, timers.pending());
        s.promote(standby); // already the primary: nothing to replace
        assertEquals(List.of(), session.drainEvents());
        standby.push("flows");
        assertEquals(List.of("flows"), session.texts);
    }

    @Test
    void anUnhealthyStandbyIsDroppedAndRetriedWhileThePrimaryStays() throws Exception {
        ConnectionSupervisor s = supervisor(1);
        List<FakeTransport.Conn> both = primaryAndStandby(s);
        FakeTransport.Conn primary = both.get(0);
        FakeTransport.Conn standby = both.get(1);

        s.replace(standby, ConnectionCause.HEARTBEAT_TIMEOUT);

        assertFalse(standby.isOpen(), "the unhealthy standby was not aborted");
        assertEquals(List.of("0:RETRY_SCHEDULED:HEARTBEAT_TIMEOUT"), session.drainEvents());
        assertEquals(List.of(ms(100)), timers.scheduledDelays);
        timers.advance(Duration.ofMillis(100));
        FakeTransport.Conn second = transport.take();
        assertNotSame(standby, second);
        assertTrue(primary.isOpen());
        s.promote(second);
        assertTrue(primary.closeRequested, "the primary was not replaced by the retried standby");
    }

    @Test
    void restartAbortsAndReconnectsAfterTheBackoff() throws Exception {
        ConnectionSupervisor s = supervisor(1);
        s.start();
        FakeTransport.Conn c = transport.take();
        session.drainEvents();

        s.restart(c, ConnectionCause.BACKEND_LOST);
        s.restart(c, ConnectionCause.BACKEND_LOST); // no longer ours: ignored

        assertFalse(c.isOpen());
        assertEquals(List.of("0:LOST:BACKEND_LOST", "0:RETRY_SCHEDULED:BACKEND_LOST"),
                session.drainEvents());
        assertEquals(Map.of(ConnectionCause.BACKEND_LOST, 1L), s.reconnects());
        timers.advance(INITIAL);
        assertEquals(1, s.openConnections());
    }

    @Test
    void stopClosesEveryConnectionCancelsRetriesAndATerminalStopCannotBeUndone() throws Exception {
        ConnectionSupervisor s = supervisor(2);
        s.start();
        FakeTransport.Conn a = transport.take();
        transport.take().serverClose(1006); // slot 1 waits for its retry
        assertEquals(1, timers.pending());
        session.drainEvents();

        s.stop(true);

        assertFalse(a.isOpen());
        assertTrue(a.closeRequested, "closed with a close frame, not aborted");
        assertEquals(List.of("1:CONNECTION_CLOSED:1006", "0:CLIENT_CLOSE"), session.closed);
        assertEquals(List.of("0:CLOSED:CLIENT_CLOSE"), session.drainEvents());
        assertEquals(0, timers.pending(), "the retry was not cancelled");
        assertFalse(s.isActive());
        a.push("after stop");
        assertEquals(List.of(), session.texts);

        s.start();
        timers.advance(Duration.ofMinutes(1));
        assertEquals(2, transport.attempts.get(), "connected again after a terminal stop");
    }

    @Test
    void aStopThatIsNotTerminalCanBeStartedAgain() throws Exception {
        ConnectionSupervisor s = supervisor(1);
        s.start();
        transport.take();
        s.stop(false);
        assertEquals(0, s.openConnections());

        s.start();

        assertEquals(2, transport.attempts.get());
        assertEquals(1, s.openConnections());
        transport.take().push("again");
        assertEquals(List.of("again"), session.texts);
    }
}
