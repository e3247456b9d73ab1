package dev.auraxium.e2e;

import static dev.auraxium.e2e.EndToEnd.ALICE;
import static dev.auraxium.e2e.EndToEnd.login;
import static dev.auraxium.e2e.EndToEnd.take;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.client.EventClient;
import dev.auraxium.event.Event;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.event.Trigger;
import dev.auraxium.testkit.FakeEssServer;
import dev.auraxium.transport.TransportException;
import dev.auraxium.transport.jdk.JdkTransport;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * "Connected" (events flow) and "ready" (the server confirmed the subscription) are two states:
 * the real client over the JDK transport against a FakeEssServer on 127.0.0.1 that never answers
 * subscribe commands, and against a port where nothing listens.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectedVersusReadyTest {
    private final Closer closer = new Closer();

    @AfterEach
    void closeAll() throws Exception {
        closer.close();
    }

    private EventClient client(URI endpoint) {
        JdkTransport transport = closer.keep(JdkTransport.builder().connectTimeout(Duration.ofSeconds(5))
                .closeTimeout(Duration.ofSeconds(2)).build());
        return closer.keep(EventClient.builder().serviceId("s:example").endpoint(endpoint).transport(transport)
                .reconnectDelay(Duration.ofMillis(50)).subscriptionProbeInterval(Duration.ZERO).build());
    }

    @Test
    void aServerThatNeverConfirmsStillGetsItsEventsDelivered() throws Exception {
        FakeEssServer server = closer.keep(FakeEssServer.builder().start());
        server.faults().withholdSubscriptionReplies();
        EventClient client = client(server.uri());
        BlockingQueue<Event> got = new LinkedBlockingQueue<>();
        client.addTrigger(Trigger.on(PlayerLogin.class).characters(ALICE).action(got::add).build());

        client.awaitConnected(EndToEnd.WAIT);
        assertTrue(client.isConnected());
        // the subscribe took effect on the server, though it was never answered
        EndToEnd.takeClientMessage(server, m -> m.text().contains("\"subscribe\""));
        for (int world : new int[] {1, 10, 13, 17, 19}) {
            assertEquals(1, server.publish(login(world, ALICE)), "the server selects the event for the client");
        }
        assertEquals(5, take(got, 5).size());

        assertFalse(client.isReady());
        TimeoutException t = assertThrows(TimeoutException.class, () -> client.awaitReady(Duration.ofMillis(300)));
        assertTrue(t.getMessage().contains("connected, but the server has not confirmed the subscription"), t.getMessage());
    }

    @Test
    void aConfirmedSubscriptionMakesTheClientReady() throws Exception {
        FakeEssServer server = closer.keep(FakeEssServer.builder().start());
        EventClient client = client(server.uri());
        client.addTrigger(Trigger.on(PlayerLogin.class).characters(ALICE).build());
        client.awaitReady(EndToEnd.WAIT);
        assertTrue(client.isConnected());
        assertTrue(client.isReady());
    }

    @Test
    void aTimeoutCarriesTheLastConnectionFailureAsItsCause() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } // closed: nothing listens there now
        EventClient client = client(URI.create("ws://127.0.0.1:" + port + "/streaming"));
        client.addTrigger(Trigger.on(PlayerLogin.class).build());

        TimeoutException t = assertThrows(TimeoutException.class, () -> client.awaitReady(Duration.ofSeconds(2)));
        assertTrue(t.getMessage().contains("not connected; last failure"), t.getMessage());
        TransportException cause = assertInstanceOf(TransportException.class, t.getCause(), "the cause: " + t.getCause());
        assertNotNull(findCause(cause, ConnectException.class),
                "the connection refusal is in the cause chain: " + describe(cause));
        assertFalse(client.isConnected());

        TimeoutException c = assertThrows(TimeoutException.class, () -> client.awaitConnected(Duration.ofMillis(500)));
        assertInstanceOf(TransportException.class, c.getCause());
    }

    private static Throwable findCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return c;
            }
        }
        return null;
    }

    private static String describe(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            b.append(c.getClass().getName()).append(": ").append(c.getMessage()).append(" <- ");
        }
        return b.toString();
    }
}
