package dev.auraxium.client;

import static dev.auraxium.testsupport.Await.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.event.Death;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.event.Trigger;
import dev.auraxium.event.TriggerActionException;
import dev.auraxium.transport.TransportException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rule of EventClient's "Errors and logging": each failure is reported once, to the error
 * handler when one is set (then logged at DEBUG only), else to the log; a failing retry series is
 * logged at WARNING once. System.Logger goes to java.util.logging here, so a JUL handler on the
 * client's logger sees every record at every level.
 */
@Timeout(30)
class ErrorReportingTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Logger jul = Logger.getLogger(EventClient.class.getName());
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level levelBefore;
    private final FakeTransport transport = new FakeTransport();
    private EventClient client;

    @BeforeEach
    void capture() {
        levelBefore = jul.getLevel();
        jul.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        jul.addHandler(capture);
    }

    @AfterEach
    void release() {
        if (client != null) {
            client.close();
        }
        jul.removeHandler(capture);
        jul.setLevel(levelBefore);
    }

    private EventClient.Builder builder() {
        return EventClient.builder().transport(transport).serviceId("s:abcdefghijkl")
                .endpoint(URI.create("ws://127.0.0.1:1/streaming")).reconnectDelay(Duration.ofMillis(10))
                .subscriptionProbeInterval(Duration.ZERO);
    }

    private List<LogRecord> atLeast(Level level, String containing) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue())
                .filter(r -> String.valueOf(r.getMessage()).contains(containing)).toList();
    }

    @Test
    void withAHandlerFailuresGoToItAndAreLoggedAtDebugOnly() throws Exception {
        List<Throwable> handled = new CopyOnWriteArrayList<>();
        transport.rejectWith = 503;
        client = builder().errorHandler(handled::add).build();
        client.on(Death.class, d -> { });
        until(() -> handled.size() >= 4, "four failed attempts");
        transport.rejectWith = 403;
        until(() -> handled.stream().anyMatch(t -> t instanceof TransportException te && te.isFatal()), "the 403");
        assertEquals(List.of(), atLeast(Level.WARNING, "could not connect"), "retries not logged as warnings too");
        assertEquals(List.of(), atLeast(Level.WARNING, "rejected service id"), "no SEVERE beside the handler");
        assertTrue(atLeast(Level.FINE, "to the error handler: could not connect").size() >= 4, records.toString());
        assertEquals(1, atLeast(Level.FINE, "to the error handler: the ESS rejected service id").size());
    }

    @Test
    void withoutAHandlerARetrySeriesIsLoggedOnceAtWarningAndTheRejectionOnceAtError() throws Exception {
        transport.rejectWith = 503;
        client = builder().build();
        client.on(Death.class, d -> { });
        until(() -> transport.attempts.get() >= 5, "five failed attempts");
        transport.rejectWith = 403;
        until(() -> !atLeast(Level.SEVERE, "rejected service id").isEmpty(), "the rejection logged");
        assertEquals(1, atLeast(Level.WARNING, "could not connect").size(), records.toString());
        assertTrue(atLeast(Level.FINE, "still failing: could not connect").size() >= 3, records.toString());
        assertEquals(1, atLeast(Level.SEVERE, "rejected service id").size());
        records.forEach(r -> assertTrue(!String.valueOf(r.getMessage()).contains("s:abcdefghijkl"), "id shown"));
    }

    @Test
    void aNewSeriesAfterAnOpenedConnectionIsLoggedAgain() throws Exception {
        transport.rejectWith = 503;
        client = builder().build();
        client.on(Death.class, d -> { });
        until(() -> transport.attempts.get() >= 3, "three failed attempts");
        transport.rejectWith = 0;
        transport.take(); // a connection opened: the series ended
        transport.rejectWith = 503;
        client.close();
        assertEquals(1, atLeast(Level.WARNING, "could not connect").size(), records.toString());
        client = builder().build();
        client.on(Death.class, d -> { });
        until(() -> atLeast(Level.WARNING, "could not connect").size() == 2, "the second client's first failure");
    }

    @Test
    void aFailingActionIsReportedOnceEitherWay() throws Exception {
        List<Throwable> handled = new CopyOnWriteArrayList<>();
        client = builder().errorHandler(handled::add).build();
        client.addTrigger(Trigger.on(PlayerLogin.class).name("boom").action(e -> {
            throw new IllegalStateException("boom");
        }).build());
        client.dispatch(PlayerLogin.builder().build());
        until(() -> handled.size() == 1, "the action failure handed over");
        assertInstanceOf(TriggerActionException.class, handled.get(0));
        assertEquals(List.of(), atLeast(Level.WARNING, "action of trigger 'boom'"));
        assertEquals(1, atLeast(Level.FINE, "to the error handler: action of trigger 'boom'").size());
        client.close();

        client = builder().build();
        client.addTrigger(Trigger.on(PlayerLogin.class).name("bang").action(e -> {
            throw new IllegalStateException("bang");
        }).build());
        client.dispatch(PlayerLogin.builder().build());
        until(() -> !atLeast(Level.WARNING, "action of trigger 'bang'").isEmpty(), "the action failure logged");
        List<LogRecord> logged = atLeast(Level.WARNING, "action of trigger 'bang'");
        assertEquals(1, logged.size());
        assertEquals("bang", logged.get(0).getThrown().getCause().getMessage(), "with the user's stack trace");
    }
}
