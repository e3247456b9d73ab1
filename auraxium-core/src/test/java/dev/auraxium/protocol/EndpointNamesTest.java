package dev.auraxium.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Endpoint names in both spellings, read through the real decoder. */
class EndpointNamesTest {
    static final String MERGED = "EventServerEndpoint_1000_Genudine_1001_Palos_1002_Crux_1003_Searhus_1004_Xelas";

    static ServiceStateChanged stateChange(String detail) {
        String frame = "{\"detail\":\"" + detail + "\",\"online\":\"true\",\"service\":\"event\",\"type\":\"serviceStateChanged\"}";
        return (ServiceStateChanged) EssCodec.standard().decodeServerMessage(frame);
    }

    @Test
    void readsTheNameFirstSpelling() {
        assertEquals(OptionalInt.of(10), stateChange("EventServerEndpoint_Miller_10").worldId());
        assertEquals("Miller", stateChange("EventServerEndpoint_Miller_10").worldName());
        assertEquals(OptionalInt.of(2000), stateChange("EventServerEndpoint_Ceres_2000").worldId());
        assertEquals("Ceres", stateChange("EventServerEndpoint_Ceres_2000").worldName());
        assertEquals(OptionalInt.of(40), stateChange("EventServerEndpoint_Soltech_40").worldId());
    }

    @Test
    void readsTheNumberFirstSpelling() {
        assertEquals(OptionalInt.of(2000), stateChange("EventServerEndpoint_2000_Ceres").worldId());
        assertEquals("Ceres", stateChange("EventServerEndpoint_2000_Ceres").worldName());
        assertEquals(OptionalInt.of(2002), stateChange("EventServerEndpoint_2002_Rashnu").worldId());
    }

    @Test
    void anEndpointOfSeveralMergedWorldsStandsForTheFirst() {
        assertEquals(OptionalInt.of(1000), stateChange(MERGED).worldId());
        assertEquals("Genudine", stateChange(MERGED).worldName());
    }

    @Test
    void aNameWithoutANumberHasNoWorldId() {
        assertEquals(OptionalInt.empty(), stateChange("EventServerEndpoint_Briggs").worldId());
        assertEquals("Briggs", stateChange("EventServerEndpoint_Briggs").worldName());
        assertEquals(OptionalInt.empty(), stateChange("EventServerEndpoint_Mystery_12345678901").worldId(),
                "a number too long for a world id");
        assertEquals(OptionalInt.of(13), stateChange("EventServerEndpoint_13").worldId());
    }

    @Test
    void aHeartbeatMixingBothSpellingsGivesEveryWorld() {
        String frame = "{\"online\":{\"EventServerEndpoint_Connery_1\":\"true\",\"EventServerEndpoint_2000_Ceres\":\"false\","
                + "\"" + MERGED + "\":\"true\",\"EventServerEndpoint_Genudine_1000\":\"true\"},"
                + "\"service\":\"event\",\"timestamp\":\"1717171717\",\"type\":\"heartbeat\"}";
        Heartbeat h = (Heartbeat) EssCodec.standard().decodeServerMessage(frame);
        Map<Integer, Boolean> expected = new LinkedHashMap<>();
        expected.put(1, true);
        expected.put(2000, false);
        expected.put(1000, true);
        assertEquals(expected, h.worlds());
        assertEquals(Map.of("Connery", true, "Ceres", false, "Genudine", true), h.worldNames());
    }
}
