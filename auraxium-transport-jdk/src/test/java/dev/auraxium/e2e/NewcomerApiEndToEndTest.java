package dev.auraxium.e2e;

import static dev.auraxium.e2e.EndToEnd.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.client.EventClient;
import dev.auraxium.event.AchievementEarned;
import dev.auraxium.event.BattleRankUp;
import dev.auraxium.event.ContinentLock;
import dev.auraxium.event.Death;
import dev.auraxium.event.Event;
import dev.auraxium.event.FacilityControl;
import dev.auraxium.event.FishScan;
import dev.auraxium.event.GainExperience;
import dev.auraxium.event.ItemAdded;
import dev.auraxium.event.MetagameEvent;
import dev.auraxium.event.PlayerFacilityCapture;
import dev.auraxium.event.PlayerFacilityDefend;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.event.PlayerLogout;
import dev.auraxium.event.SkillAdded;
import dev.auraxium.event.Trigger;
import dev.auraxium.event.UnknownEvent;
import dev.auraxium.event.VehicleDestroy;
import dev.auraxium.testkit.FakeEssServer;
import dev.auraxium.testkit.junit.EventRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a new user reaches for first, through the real JDK transport and a real FakeEssServer on
 * 127.0.0.1: built events, waiting for the server to apply a subscription, typed waits.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NewcomerApiEndToEndTest {

    /** One event of every type, built; {@code Instant.now()} has a fraction the builder drops. */
    private static List<Event> everyType() {
        Instant now = Instant.now();
        return List.of(Death.builder().timestamp(now).isHeadshot(true).build(),
                GainExperience.builder().experienceId(7).build(), VehicleDestroy.builder().build(),
                PlayerLogin.builder().timestamp(now).build(), PlayerLogout.builder().build(),
                FacilityControl.builder().build(), MetagameEvent.builder().build(), ContinentLock.builder().build(),
                AchievementEarned.builder().build(), BattleRankUp.builder().build(), FishScan.builder().build(),
                ItemAdded.builder().build(), PlayerFacilityCapture.builder().build(),
                PlayerFacilityDefend.builder().build(), SkillAdded.builder().build(),
                UnknownEvent.builder("NewEvent").field("character_id", "5428010618015189713").build());
    }

    @Test
    void everyBuiltEventComesBackFromTheServerEqualToItself() throws Exception {
        EventRecorder got = new EventRecorder(WAIT);
        try (FakeEssServer server = FakeEssServer.start();
                EventClient client = EventClient.builder().endpoint(server.uri()).build()) {
            client.addTrigger(Trigger.on("all").action(got).build());
            for (Event e : everyType()) {
                assertEquals(1, server.awaitSubscribers(e, 1, WAIT), "one client");
                assertEquals(1, server.publish(e), e.toString());
                assertEquals(e, got.assertNext(Event.class), "decoded copy of " + e.eventName());
            }
            assertEquals(16, got.awaitCount(16, WAIT).size());
        }
    }

    @Test
    void addTriggerThenAwaitSubscribersThenPublishNeverMisses() throws Exception {
        int rounds = 40;
        EventRecorder got = new EventRecorder(WAIT);
        try (FakeEssServer server = FakeEssServer.start();
                EventClient client = EventClient.builder().endpoint(server.uri()).build()) {
            for (int i = 1; i <= rounds; i++) {
                long character = 5428010618015180000L + i;
                Trigger<PlayerLogin> t = client.addTrigger(
                        Trigger.on(PlayerLogin.class).characters(character).action(got).build());
                PlayerLogin login = PlayerLogin.builder().characterId(character).worldId(40).build();
                server.awaitSubscribers(login, 1, WAIT);
                assertEquals(1, server.publish(login), "round " + i + " reached the client");
                assertEquals(login, got.assertNext(PlayerLogin.class), "round " + i);
                client.removeTrigger(t, true); // the next round subscribes from a changed subscription
            }
            assertEquals(rounds, got.awaitCount(rounds, WAIT).size());
            got.assertNoMoreEvents(Duration.ofMillis(100));
        }
    }

    @Test
    void waitForIsTypedByItsTrigger() throws Exception {
        try (FakeEssServer server = FakeEssServer.start();
                EventClient client = EventClient.builder().endpoint(server.uri()).build()) {
            CompletableFuture<Death> death = client.waitFor(WAIT, Trigger.on(Death.class).when(Death::isHeadshot).build());
            Death headshot = Death.builder().isHeadshot(true).build();
            server.awaitSubscribers(headshot, 1, WAIT);
            server.publish(Death.builder().isHeadshot(false).build());
            server.publish(headshot);
            Death d = death.get(10, TimeUnit.SECONDS); // no cast
            assertEquals(headshot, d);
            // Triggers of several types give their common supertype; an Event future still compiles.
            CompletableFuture<Event> any = client.waitFor(WAIT, Trigger.on(PlayerLogin.class).build(),
                    Trigger.on(PlayerLogout.class).build());
            PlayerLogout logout = PlayerLogout.builder().build();
            server.awaitSubscribers(logout, 1, WAIT);
            server.publish(logout);
            assertEquals(logout, any.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void awaitSubscribersTimesOutNamingWhatTheConnectionsHold() throws Exception {
        try (FakeEssServer server = FakeEssServer.start();
                EventClient client = EventClient.builder().endpoint(server.uri()).build()) {
            client.addTrigger(Trigger.on(PlayerLogin.class).worlds(10).build());
            server.awaitSubscribers(PlayerLogin.builder().worldId(10).build(), 1, WAIT);
            TimeoutException e = assertThrows(TimeoutException.class,
                    () -> server.awaitSubscribers(Death.builder().build(), 1, Duration.ofMillis(200)));
            assertTrue(e.getMessage().startsWith("after PT0.2S only 0 of 1 wanted connection(s) select Death (world 17)"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("subscribes events [PlayerLogin]"), e.getMessage());
        }
        try (FakeEssServer empty = FakeEssServer.start()) {
            TimeoutException e = assertThrows(TimeoutException.class,
                    () -> empty.awaitSubscribers(Death.builder().build(), 1, Duration.ofMillis(100)));
            assertTrue(e.getMessage().contains("no connection is open"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> empty.awaitSubscribers(Death.builder().build(), 0, Duration.ofMillis(100)));
        }
    }
}
