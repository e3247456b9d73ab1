package dev.auraxium.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.client.EventClient;
import dev.auraxium.event.Death;
import dev.auraxium.event.Event;
import dev.auraxium.event.GainExperience;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.event.Trigger;
import dev.auraxium.protocol.Subscribe;
import dev.auraxium.testkit.ClientMessage;
import dev.auraxium.testkit.FakeEssServer;
import dev.auraxium.testkit.junit.EventRecorder;
import dev.auraxium.testkit.junit.FakeEssServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The examples the README shows, run as written: an EventClient found through ServiceLoader (the
 * JDK transport) against a FakeEssServer on loopback.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReadmeExamplesTest {
    @RegisterExtension
    static final FakeEssServerExtension ESS = FakeEssServerExtension.perTest();

    private static final long KILLER = 5428011263300000002L;
    private static final long VICTIM = 5428011263300000001L;

    @Test
    void headshotTriggerSeesOnlyHeadshotsOnItsWorlds(FakeEssServer server) throws Exception {
        EventRecorder headshots = new EventRecorder(Duration.ofSeconds(10));
        try (EventClient client = EventClient.builder()
                .serviceId("s:example")
                .endpoint(server.uri())
                .build()) {
            client.addTrigger(Trigger.on(Death.class)
                    .worlds(10, 13)
                    .when(Death::isHeadshot)
                    .name("headshots")
                    .action(headshots)
                    .build());
            client.awaitReady(Duration.ofSeconds(10));

            server.publish(death(13, false));
            server.publish(death(17, true));
            server.publish(death(13, true));

            Death d = headshots.assertNext(Death.class);
            assertEquals(13, d.worldId());
            assertTrue(d.isHeadshot());
            headshots.assertNoMoreEvents(Duration.ofMillis(300));
            assertEquals("jdk", client.transportName());
        }
    }

    @Test
    void waitForReturnsTheFirstMatchingEvent(FakeEssServer server) throws Exception {
        try (EventClient client = EventClient.builder().endpoint(server.uri()).build()) {
            client.on(GainExperience.class, xp -> { });
            client.awaitReady(Duration.ofSeconds(10));
            CompletableFuture<Event> login = client.waitFor(Duration.ofSeconds(10), Trigger.on(PlayerLogin.class).build());
            awaitSubscribed(server, PlayerLogin.NAME);
            PlayerLogin sent = new PlayerLogin(Instant.ofEpochSecond(1_730_180_000L), 1, VICTIM);
            server.publish(sent);
            assertEquals(sent, login.get(10, TimeUnit.SECONDS));
            assertEquals(1, client.triggers().size(), "waitFor removed its own trigger");
        }
    }

    /** Waits until the server has applied a subscribe naming {@code eventName}. */
    private static void awaitSubscribed(FakeEssServer server, String eventName) throws InterruptedException {
        while (true) {
            ClientMessage m = server.takeClientMessage(Duration.ofSeconds(10));
            assertNotNull(m, "no subscribe for " + eventName + " reached the server");
            if (m.command().orElse(null) instanceof Subscribe s
                    && s.eventNames().orElse(List.of()).contains(eventName)) {
                return;
            }
        }
    }

    private static Death death(int world, boolean headshot) {
        return new Death(Instant.ofEpochSecond(1_730_180_000L), world, KILLER, 26103, 15, OptionalInt.of(1), 0, 26003,
                VICTIM, 8, Optional.of(false), headshot, OptionalInt.of(3), OptionalInt.empty(), 2);
    }
}
