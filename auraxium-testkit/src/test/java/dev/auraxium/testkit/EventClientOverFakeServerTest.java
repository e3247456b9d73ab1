package dev.auraxium.testkit;

import static dev.auraxium.testkit.TestEvents.ALICE;
import static dev.auraxium.testkit.TestEvents.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.client.EventClient;
import dev.auraxium.event.Environment;
import dev.auraxium.event.Event;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.event.Trigger;
import dev.auraxium.protocol.Subscribe;
import dev.auraxium.protocol.Subscription;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The library's own EventClient against the fake server, through InMemoryTransport: no sockets. */
@Timeout(30)
class EventClientOverFakeServerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static EventClient client(FakeEssServer server, InMemoryTransport transport) {
        return EventClient.builder().serviceId("s:example").environment(Environment.PS2).endpoint(server.uri())
                .transport(transport).reconnectDelay(Duration.ofMillis(50)).build();
    }

    @Test
    void clientSubscribesAndReceivesWhatItsTriggerSelects() throws Exception {
        try (FakeEssServer server = FakeEssServer.start();
                InMemoryTransport transport = new InMemoryTransport(server);
                EventClient client = client(server, transport)) {
            CompletableFuture<Event> seen = client.waitFor(WAIT,
                    Trigger.on(PlayerLogin.class).worlds(13).action(e -> { }).build());
            client.awaitReady(WAIT);
            Subscription held = server.connections().get(0).subscription();
            assertTrue(held.selects(TestEvents.login(13, ALICE)), "server holds " + held);
            server.publish(TestEvents.login(10, BOB));
            server.publish(TestEvents.login(13, ALICE));
            assertEquals(TestEvents.login(13, ALICE), seen.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void clientResubscribesAfterTheServerDropsIt() throws Exception {
        try (FakeEssServer server = FakeEssServer.start();
                InMemoryTransport transport = new InMemoryTransport(server);
                EventClient client = client(server, transport)) {
            client.addTrigger(Trigger.on(PlayerLogin.class).worlds(13).action(e -> { }).build());
            client.awaitReady(WAIT);
            server.faults().dropAll(Disconnect.abort());
            CompletableFuture<Event> seen = client.waitFor(WAIT,
                    Trigger.on(PlayerLogin.class).characters(ALICE).action(e -> { }).build());
            // The client reconnects on a new connection and subscribes again.
            long first = server.connections().get(0).id();
            ClientMessage m;
            do {
                m = server.takeClientMessage(WAIT);
                assertNotNull(m, "the client did not resubscribe: " + server.connections());
            } while (m.connectionId() == first || !(m.command().orElse(null) instanceof Subscribe s) || s.isProbe());
            assertEquals(1, server.publish(TestEvents.login(13, ALICE)));
            assertEquals(TestEvents.login(13, ALICE), seen.get(10, TimeUnit.SECONDS));
            assertTrue(server.connections().size() >= 2);
        }
    }

    @Test
    void clientRepairsASilentlyAlteredSubscription() throws Exception {
        try (FakeEssServer server = FakeEssServer.start();
                InMemoryTransport transport = new InMemoryTransport(server);
                EventClient client = client(server, transport)) {
            client.addTrigger(Trigger.on(PlayerLogin.class).worlds(13).action(e -> { }).build());
            client.awaitReady(WAIT);
            long id = server.connections().get(0).id();
            while (server.takeClientMessage(Duration.ZERO) != null) {
                // the initial subscription is not what this test waits for
            }
            server.faults().alterSubscription(id, s -> new Subscription(Set.of(), Set.of(), Set.of(), false));
            assertEquals(0, server.publish(TestEvents.login(13, ALICE)));
            assertTrue(client.verifySubscription());
            // The probe's reply shows the drift; the client subscribes again.
            ClientMessage m;
            do {
                m = server.takeClientMessage(WAIT);
                assertNotNull(m, "the drift was not repaired");
            } while (!(m.command().orElse(null) instanceof Subscribe s) || s.isProbe());
            assertEquals(1, server.publish(TestEvents.login(13, ALICE)));
        }
    }
}
