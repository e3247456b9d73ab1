package dev.auraxium.examples;

// This class mirrors README.md, section "Testing against a fake ESS", from its first import to the end:
// ReadmeTestingExampleMirrorTest fails when the two differ. Change both together.
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.auraxium.client.EventClient;
import dev.auraxium.event.Death;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.event.Trigger;
import dev.auraxium.testkit.FakeEssServer;
import dev.auraxium.testkit.junit.EventRecorder;
import dev.auraxium.testkit.junit.FakeEssServerExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(60)
class HeadshotTest {
    @RegisterExtension
    static final FakeEssServerExtension ESS = FakeEssServerExtension.perTest();

    @Test
    void seesHeadshots(FakeEssServer server) throws Exception {
        EventRecorder headshots = new EventRecorder();
        try (EventClient client = EventClient.builder().endpoint(server.uri()).build()) {
            client.addTrigger(Trigger.on(Death.class).when(Death::isHeadshot).action(headshots).build());

            Death headshot = Death.builder().isHeadshot(true).build();     // plausible ids, whole seconds
            server.awaitSubscribers(headshot, 1, Duration.ofSeconds(10));   // the client's subscribe applied
            server.publish(Death.builder().isHeadshot(false).build());
            server.publish(headshot);
            assertEquals(headshot, headshots.assertNext(Death.class));     // the body shot was filtered out

            CompletableFuture<PlayerLogin> login =
                    client.waitFor(Duration.ofSeconds(10), Trigger.on(PlayerLogin.class).build());
            PlayerLogin sent = PlayerLogin.builder().characterId(5428011263300000001L).build();
            server.awaitSubscribers(sent, 1, Duration.ofSeconds(10));
            server.publish(sent);
            assertEquals(sent, login.get(10, TimeUnit.SECONDS));
        }
    }
}
