package dev.auraxium.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.event.Death;
import dev.auraxium.event.GainExperience;
import dev.auraxium.event.UnknownEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad frames fail with an EssDecodeException carrying the reason and the raw text, nothing else. */
class BadInputTest {
    private static final EssCodec CODEC = EssCodec.standard();
    private static final String GE = "{\"payload\":{\"amount\":\"10\",\"character_id\":\"5428011263300000001\","
            + "\"event_name\":\"GainExperience\",\"experience_id\":\"7\",\"loadout_id\":\"4\",\"other_id\":\"0\","
            + "\"team_id\":\"2\",\"timestamp\":\"1717171718\",\"world_id\":\"%s\",\"zone_id\":\"344\"},"
            + "\"service\":\"event\",\"type\":\"serviceMessage\"}";

    private static EssDecodeException refused(String text) {
        return assertThrows(EssDecodeException.class, () -> CODEC.decode(text));
    }

    @Test
    void emptyTextIsRefused() {
        EssDecodeException e = refused("");
        assertEquals("empty frame", e.reason());
        assertEquals(0, e.rawLength());
    }

    @Test
    void truncatedJsonIsRefusedWithTheRawText() {
        String text = GE.formatted("10").substring(0, 120);
        EssDecodeException e = refused(text);
        assertTrue(e.reason().startsWith("malformed JSON"), e.reason());
        assertEquals(text, e.rawExcerpt());
    }

    @Test
    void aJsonArrayIsRefused() {
        assertEquals("not a JSON object (starts with an array)", refused("[1,2,3]").reason());
    }

    @Test
    void aNonNumericWorldIdIsRefusedNamingTheField() {
        EssDecodeException e = refused(GE.formatted("abc"));
        assertEquals("world_id is not valid: \"abc\"", e.reason());
        assertTrue(e.getMessage().contains("GainExperience"), e.getMessage());
    }

    @Test
    void anObjectTimestampIsRefused() {
        String text = GE.formatted("10").replace("\"timestamp\":\"1717171718\"", "\"timestamp\":{}");
        assertEquals("timestamp is not valid: an object", refused(text).reason());
    }

    @Test
    void aTenMegabyteFrameIsRefusedAndItsExcerptIsShort() {
        String text = "{\"payload\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
        EssDecodeException e = refused(text);
        assertTrue(e.reason().contains("exceeds the limit"), e.reason());
        assertEquals(text.length(), e.rawLength());
        assertTrue(e.rawExcerpt().length() <= EssDecodeException.MAX_EXCERPT + 1);
        assertTrue(e.getMessage().length() < 1000);
    }

    @Test
    void deepNestingIsRefused() {
        String text = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        EssDecodeException e = refused(text);
        assertTrue(e.reason().contains("nesting depth"), e.reason());
    }

    @Test
    void anUnpairedSurrogateInAKeptTextIsRefusedOrLeftOut() {
        String item = "{\"payload\":{\"character_id\":\"1\",\"context\":\"bad\uD800text\",\"event_name\":\"ItemAdded\","
                + "\"item_count\":\"1\",\"item_id\":\"2\",\"timestamp\":\"1\",\"world_id\":\"1\",\"zone_id\":\"2\"},"
                + "\"service\":\"event\",\"type\":\"serviceMessage\"}";
        ServiceMessage kept = (ServiceMessage) CODEC.decode(item);
        assertEquals("", ((dev.auraxium.event.ItemAdded) kept.event()).context(), "a known event is kept without it");
        assertEquals(java.util.Map.of("context", "text with an unpaired UTF-16 surrogate"), kept.invalidFields());
        String unknown = item.replace("ItemAdded", "Future\uDC00Event");
        assertTrue(refused(unknown).reason().contains("surrogate"));
        assertTrue(refused("{\"echoed\":\"\uD83D\"}").reason().contains("surrogate"));
    }

    @Test
    void aPairedSurrogateIsFine() {
        String fish = "{\"payload\":{\"character_id\":\"1\",\"context\":\"🐟\",\"event_name\":\"ItemAdded\","
                + "\"item_count\":\"1\",\"item_id\":\"2\",\"timestamp\":\"1\",\"world_id\":\"1\",\"zone_id\":\"2\"},"
                + "\"service\":\"event\",\"type\":\"serviceMessage\"}";
        assertEquals("🐟", ((dev.auraxium.event.ItemAdded) ((ServiceMessage) CODEC.decode(fish)).event()).context());
    }

    @Test
    void aPayloadWithoutEventNameIsRefused() {
        String text = GE.formatted("10").replace("\"event_name\":\"GainExperience\",", "");
        assertEquals("payload has no event_name", refused(text).reason());
        assertEquals("payload has no event_name",
                assertThrows(EssDecodeException.class, () -> CODEC.decodeEvent("{\"world_id\":\"1\"}")).reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"payload\":{\"event_name\":\"Death\",\"world_id\":\"1\"},\"service\":\"event\",\"type\":\"serviceMessage\"} | payload has no timestamp",
        "{\"payload\":{\"event_name\":\"Death\",\"timestamp\":\"1\"},\"service\":\"event\",\"type\":\"serviceMessage\"} | payload has no world_id",
        "{\"payload\":{\"event_name\":\"Death\",\"timestamp\":\"1\",\"world_id\":\"99999999999\"},\"service\":\"event\",\"type\":\"serviceMessage\"} | world_id out of int range: 99999999999",
        "{\"payload\":{\"event_name\":\"\",\"timestamp\":\"1\",\"world_id\":\"1\"},\"service\":\"event\",\"type\":\"serviceMessage\"} | event_name is empty",
        "{\"payload\":[],\"service\":\"event\",\"type\":\"serviceMessage\"} | serviceMessage payload is not an object",
        "{\"connected\":\"perhaps\",\"service\":\"push\",\"type\":\"connectionStateChanged\"} | connected is not a boolean: \"perhaps\"",
        "{\"online\":\"true\",\"service\":\"event\",\"type\":\"heartbeat\"} | heartbeat without an online object",
        "{\"subscription\":{\"eventNames\":\"Death\"}} | subscription.eventNames is not an array",
        "{\"a\":1} {\"b\":2} | trailing content after the JSON object",
        "\"just a string\" | not a JSON object (starts with a string)",
    })
    void eachMalformedShapeHasAClearReason(String text, String reason) {
        assertEquals(reason, refused(text).reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"is_headshot\":\"maybe\" | is_headshot | \"maybe\"",
        "\"zone_id\":\"-4\" | zone_id | -4",
        "\"zone_id\":\"abc\" | zone_id | \"abc\"",
        "\"attacker_weapon_id\":\"99999999999\" | attacker_weapon_id | 99999999999",
        "\"team_id\":\"\" | team_id | \"\"",
        "\"is_critical\":[] | is_critical | an array",
    })
    void aKnownEventWithAFieldOfTheWrongKindIsKeptWithoutIt(String member, String field, String value) {
        String text = "{\"payload\":{\"character_id\":\"5428011263300000001\",\"event_name\":\"Death\",\"timestamp\":\"1\","
                + "\"world_id\":\"1\"," + member + "},\"service\":\"event\",\"type\":\"serviceMessage\"}";
        ServiceMessage m = assertInstanceOf(ServiceMessage.class, CODEC.decode(text));
        Death d = assertInstanceOf(Death.class, m.event());
        assertEquals(5428011263300000001L, d.characterId());
        assertEquals(java.util.Map.of(field, value), m.invalidFields());
        assertEquals(0, d.zoneId());
        assertEquals(java.util.OptionalInt.empty(), d.teamId());
        assertEquals(java.util.Optional.empty(), d.isCritical());
    }

    @Test
    void aFieldOfTheWrongKindThatTheEventDoesNotUseIsNotReported() {
        String text = "{\"payload\":{\"amount\":\"lots\",\"character_id\":\"1\",\"event_name\":\"Death\",\"timestamp\":\"1\","
                + "\"world_id\":\"1\"},\"service\":\"event\",\"type\":\"serviceMessage\"}";
        assertEquals(java.util.Map.of(), ((ServiceMessage) CODEC.decode(text)).invalidFields());
    }

    @Test
    void anEchoedCommandFromTheServerIsARawMessageNotAnError() {
        String echoed = "{\"service\":\"event\",\"action\":\"help\"}";
        assertEquals(new RawMessage(echoed), CODEC.decodeServerMessage(echoed));
        assertInstanceOf(Help.class, CODEC.decode(echoed));
    }

    @Test
    void aDecodeErrorDoesNotDisturbTheNextFrame() {
        refused("{not json");
        GainExperience g = assertInstanceOf(GainExperience.class,
                ((ServiceMessage) CODEC.decode(GE.formatted("17"))).event());
        assertEquals(17, g.worldId());
    }

    @Test
    void numbersAndBooleansAreAcceptedAsJsonValuesToo() {
        String death = "{\"payload\":{\"attacker_character_id\":5428011263300000002,\"character_id\":\"1\","
                + "\"event_name\":\"Death\",\"is_critical\":false,\"is_headshot\":true,\"team_id\":3,"
                + "\"timestamp\":1717171717,\"world_id\":17,\"zone_id\":2},\"service\":\"event\",\"type\":\"serviceMessage\"}";
        Death d = assertInstanceOf(Death.class, ((ServiceMessage) CODEC.decode(death)).event());
        assertEquals(5428011263300000002L, d.attackerCharacterId());
        assertTrue(d.isHeadshot());
        assertEquals(3, d.teamId().orElseThrow());
    }

    @Test
    void unknownFieldsAreIgnoredAndUnknownEventsKeptWhole() {
        String text = GE.formatted("10").replace("\"amount\"", "\"brand_new\":{\"x\":[1]},\"amount\"");
        assertInstanceOf(GainExperience.class, ((ServiceMessage) CODEC.decode(text)).event());
        UnknownEvent u = assertInstanceOf(UnknownEvent.class, ((ServiceMessage) CODEC.decode(
                text.replace("\"GainExperience\"", "\"GainExperienceV2\""))).event());
        assertEquals("{\"x\":[1]}", u.fields().get("brand_new"));
        assertEquals("GainExperienceV2", u.eventName());
        assertEquals(10, u.worldId());
    }
}
