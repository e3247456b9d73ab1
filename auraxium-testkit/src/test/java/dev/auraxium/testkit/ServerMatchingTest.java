package dev.auraxium.testkit;

import static dev.auraxium.testkit.TestEvents.ALICE;
import static dev.auraxium.testkit.TestEvents.BOB;
import static dev.auraxium.testkit.TestEvents.CAROL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.auraxium.event.Event;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.ServiceMessage;
import dev.auraxium.protocol.SubscriptionReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The §3.2 table, case by case, through a real WebSocket connection: {@code publish} reports
 * how many connections got an event, and the client sees exactly the selected ones.
 */
@Timeout(30)
class ServerMatchingTest {
    private FakeEssServer server;
    private EssTestClient client;

    @BeforeEach
    void connect() throws Exception {
        server = FakeEssServer.start();
        client = EssTestClient.connectReady(server, 6);
    }

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    private void subscribe(String fields) throws InterruptedException {
        client.send("{\"service\":\"event\",\"action\":\"clearSubscribe\",\"all\":\"true\"}");
        assertInstanceOf(SubscriptionReply.class, client.nextMessage());
        client.send("{\"service\":\"event\",\"action\":\"subscribe\"," + fields + "}");
        assertInstanceOf(SubscriptionReply.class, client.nextMessage());
    }

    private void delivered(Event e) throws InterruptedException {
        assertEquals(1, server.publish(e), "should be delivered: " + e);
        assertEquals(e, assertInstanceOf(ServiceMessage.class, client.nextMessage()).event());
    }

    private void notDelivered(Event e) {
        assertEquals(0, server.publish(e), "should not be delivered: " + e);
    }

    private static String ids(long... chars) {
        StringBuilder b = new StringBuilder("[");
        for (long c : chars) {
            b.append(b.length() > 1 ? "," : "").append('"').append(c).append('"');
        }
        return b.append(']').toString();
    }

    @Test
    void worldEventsFollowTheWorldsAndIgnoreCharactersAndTheFlag() throws Exception {
        subscribe("\"eventNames\":[\"FacilityControl\"],\"worlds\":[\"10\"],\"characters\":" + ids(ALICE)
                + ",\"logicalAndCharactersWithWorlds\":true");
        delivered(TestEvents.facilityControl(10));
        notDelivered(TestEvents.facilityControl(13));
        subscribe("\"eventNames\":[\"FacilityControl\"],\"worlds\":[\"all\"]");
        delivered(TestEvents.facilityControl(13));
        subscribe("\"eventNames\":[\"Death\"],\"worlds\":[\"all\"],\"characters\":[\"all\"]");
        notDelivered(TestEvents.facilityControl(13));
    }

    @Test
    void characterEventsIgnoreWorldsWhenTheFlagIsOff() throws Exception {
        subscribe("\"eventNames\":[\"AchievementEarned\"],\"worlds\":[\"10\"],\"characters\":" + ids(ALICE));
        delivered(TestEvents.achievement(13, ALICE));
        notDelivered(TestEvents.achievement(10, BOB));
    }

    @Test
    void characterEventsNeedCharacterAndWorldWhenTheFlagIsOn() throws Exception {
        subscribe("\"eventNames\":[\"AchievementEarned\"],\"worlds\":[\"10\"],\"characters\":" + ids(ALICE)
                + ",\"logicalAndCharactersWithWorlds\":true");
        delivered(TestEvents.achievement(10, ALICE));
        notDelivered(TestEvents.achievement(13, ALICE));
        notDelivered(TestEvents.achievement(10, BOB));
    }

    @Test
    void characterEventsAreNotDeliveredWhenCharactersWereOmitted() throws Exception {
        subscribe("\"eventNames\":[\"AchievementEarned\",\"FacilityControl\"],\"worlds\":[\"all\"]");
        notDelivered(TestEvents.achievement(10, ALICE));
        delivered(TestEvents.facilityControl(10));
    }

    @Test
    void deathAndVehicleDestroyMatchVictimOrAttacker() throws Exception {
        subscribe("\"eventNames\":[\"Death\",\"VehicleDestroy\"],\"characters\":" + ids(ALICE));
        delivered(TestEvents.death(10, ALICE, BOB));
        delivered(TestEvents.death(13, BOB, ALICE));
        notDelivered(TestEvents.death(10, BOB, CAROL));
        delivered(TestEvents.vehicleDestroy(10, BOB, ALICE));
        delivered(TestEvents.vehicleDestroy(10, ALICE, 0));
        notDelivered(TestEvents.vehicleDestroy(10, BOB, CAROL));
    }

    @Test
    void deathNeedsTheWorldTooWhenTheFlagIsOn() throws Exception {
        subscribe("\"eventNames\":[\"Death\"],\"characters\":[\"all\"],\"worlds\":[\"1\"],"
                + "\"logicalAndCharactersWithWorlds\":true");
        delivered(TestEvents.death(1, ALICE, BOB));
        notDelivered(TestEvents.death(10, ALICE, BOB));
        // The flag is per connection: turning it off widens the earlier subscription.
        client.send("{\"service\":\"event\",\"action\":\"subscribe\",\"logicalAndCharactersWithWorlds\":false}");
        client.nextMessage();
        delivered(TestEvents.death(10, ALICE, BOB));
    }

    @Test
    void gainExperienceMatchesItsFilterNamesOrTheWholeEventAndOnlyCharacterId() throws Exception {
        subscribe("\"eventNames\":[\"GainExperience_experience_id_4\"],\"characters\":" + ids(ALICE));
        delivered(TestEvents.xp(10, ALICE, 4, BOB));
        notDelivered(TestEvents.xp(10, ALICE, 7, BOB));
        notDelivered(TestEvents.xp(10, BOB, 4, ALICE));
        subscribe("\"eventNames\":[\"GainExperience\"],\"characters\":" + ids(ALICE));
        delivered(TestEvents.xp(10, ALICE, 7, BOB));
        subscribe("\"eventNames\":[\"all\"],\"characters\":" + ids(ALICE));
        delivered(TestEvents.xp(10, ALICE, 9, 0));
        String raw = EssCodec.standard().encodeServiceMessage(TestEvents.xp(10, ALICE, 9, 0));
        assertEquals(true, raw.contains("\"event_name\":\"GainExperience\""), raw);
    }

    @Test
    void loginAndLogoutMatchTheWorldOrTheCharacter() throws Exception {
        subscribe("\"eventNames\":[\"PlayerLogin\",\"PlayerLogout\"],\"worlds\":[\"13\"],\"characters\":" + ids(ALICE)
                + ",\"logicalAndCharactersWithWorlds\":true");
        delivered(TestEvents.login(13, BOB));
        delivered(TestEvents.logout(1, ALICE));
        notDelivered(TestEvents.login(1, BOB));
    }
}
