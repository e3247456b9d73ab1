package dev.auraxium.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.auraxium.event.Death;
import dev.auraxium.event.Event;
import dev.auraxium.event.GainExperience;
import dev.auraxium.event.MetagameEvent;
import dev.auraxium.event.UnknownEvent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every line of every real capture decodes into the kind an independent reading of its JSON says,
 * and every payload field of every event equals the raw value.
 */
class RealSamplesDecodeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EssCodec codec = EssCodec.standard();

    @Test
    void everyRealMessageDecodesIntoTheRightKindWithItsRawValues() throws Exception {
        Map<String, Integer> kinds = new TreeMap<>();
        int lines = 0;
        for (Path file : SampleFiles.jsonl()) {
            boolean bare = file.getFileName().toString().endsWith(".payloads.jsonl");
            int n = 0;
            for (String line : SampleFiles.lines(file)) {
                n++;
                lines++;
                String where = file.getFileName() + ":" + n;
                JsonNode raw = JSON.readTree(line);
                String kind;
                if (bare) {
                    Event e = codec.decodeEvent(line);
                    assertFieldsEqualRaw(where, raw, e);
                    kind = "payload " + e.eventName();
                } else {
                    EssMessage m = codec.decode(line);
                    assertEquals(expectedKind(raw), m.getClass().getSimpleName(), where);
                    if (m instanceof ServiceMessage sm) {
                        assertFieldsEqualRaw(where, raw.get("payload"), sm.event());
                        kind = "ServiceMessage " + sm.event().eventName();
                    } else {
                        kind = m.getClass().getSimpleName();
                    }
                }
                kinds.merge(kind, 1, Integer::sum);
            }
        }
        System.out.println("Decoded " + lines + " real ESS lines by kind:");
        kinds.forEach((k, v) -> System.out.printf("  %-40s %5d%n", k, v));
        assertTrue(lines > 800, "expected the whole sample set, read " + lines + " lines");
        assertTrue(kinds.getOrDefault("ServiceMessage GainExperience", 0) > 500);
    }

    @Test
    void theCaptured2016ClientCommandDecodesAsASubscribe() throws Exception {
        Path file = SampleFiles.dir().resolve("ps2alerts-input1-2016-01-22.jsonl");
        String line = SampleFiles.lines(file).get(123);
        Subscribe s = assertInstanceOf(Subscribe.class, codec.decode(line));
        assertEquals(java.util.List.of("FacilityControl", "MetagameEvent"), s.eventNames().orElseThrow());
        assertTrue(s.worlds().orElseThrow().contains("1000"));
        assertTrue(s.characters().isEmpty(), "characters were omitted, not empty");
    }

    @Test
    void typedValuesOfARealDeathAndExperienceTick() throws Exception {
        Path file = SampleFiles.dir().resolve("saerro-go-ess-sample-2024-10-29.jsonl");
        Death death = null;
        GainExperience xp = null;
        for (String line : SampleFiles.lines(file)) {
            if (codec.decode(line) instanceof ServiceMessage sm) {
                if (death == null && sm.event() instanceof Death d) {
                    death = d;
                    JsonNode p = JSON.readTree(line).get("payload");
                    assertEquals(Long.parseLong(p.get("attacker_character_id").asText()), d.attackerCharacterId());
                    assertEquals(Long.parseLong(p.get("character_id").asText()), d.characterId());
                    assertEquals("1".equals(p.get("is_headshot").asText()), d.isHeadshot());
                    assertEquals(Instant.ofEpochSecond(p.get("timestamp").asLong()), d.timestamp());
                    assertEquals(p.get("team_id").asInt(), d.teamId().orElseThrow());
                    assertTrue(d.isCritical().isPresent());
                    assertTrue(d.vehicleId().isEmpty(), "2024 Deaths carry no vehicle_id");
                }
                if (xp == null && sm.event() instanceof GainExperience g) {
                    xp = g;
                    JsonNode p = JSON.readTree(line).get("payload");
                    assertEquals(p.get("experience_id").asInt(), g.experienceId());
                    assertEquals(p.get("amount").asInt(), g.amount());
                    assertEquals(Long.parseLong(p.get("other_id").asText()), g.otherId());
                }
            }
        }
        assertTrue(death != null && xp != null, "the 2024 capture has Deaths and GainExperience ticks");
    }

    @Test
    void oldMetagameEventWithoutZoneIdDecodesWithAnEmptyZone() throws Exception {
        int seen = 0;
        for (Path file : SampleFiles.jsonl()) {
            for (String line : SampleFiles.lines(file)) {
                if (line.contains("\"event_name\":\"MetagameEvent\"")) {
                    Event e = file.toString().endsWith(".payloads.jsonl") ? codec.decodeEvent(line)
                            : ((ServiceMessage) codec.decode(line)).event();
                    MetagameEvent m = assertInstanceOf(MetagameEvent.class, e);
                    assertEquals(line.contains("\"zone_id\""), m.zoneId().isPresent());
                    assertTrue(m.experienceBonus() > 0);
                    seen++;
                }
            }
        }
        assertTrue(seen >= 3, "expected the three historical MetagameEvents, saw " + seen);
    }

    /** Classifies a frame from its JSON tree, independently of the codec, by the protocol table. */
    private static String expectedKind(JsonNode n) {
        String service = n.path("service").asText(null);
        String type = n.path("type").asText(null);
        if ("push".equals(service) && "connectionStateChanged".equals(type)) {
            return "ConnectionStateChanged";
        }
        if ("event".equals(service) && "heartbeat".equals(type)) {
            return "Heartbeat";
        }
        if ("event".equals(service) && "serviceStateChanged".equals(type)) {
            return "ServiceStateChanged";
        }
        if ("event".equals(service) && "serviceMessage".equals(type)) {
            return n.path("payload").has("event_name") ? "ServiceMessage" : "RecentCharacterIdsReply";
        }
        if (n.has("subscription")) {
            return "SubscriptionReply";
        }
        if (n.has("send this for help")) {
            return "HelpPrompt";
        }
        if (n.has("action")) {
            String a = n.get("action").asText();
            return Character.toUpperCase(a.charAt(0)) + a.substring(1);
        }
        return "RawMessage";
    }

    /**
     * Each raw payload field must reappear, with an equal value, when the decoded event is written
     * back out; and the event must write no field the raw payload lacked.
     */
    private void assertFieldsEqualRaw(String where, JsonNode raw, Event event) throws Exception {
        assertFalse(event instanceof UnknownEvent, where + ": known event decoded as unknown: " + raw);
        JsonNode written = JSON.readTree(codec.encodeEvent(event));
        Iterator<Map.Entry<String, JsonNode>> it = raw.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode w = written.get(f.getKey());
            if (w == null) {
                fail(where + ": field " + f.getKey() + " was lost by the decoder");
            }
            String a = f.getValue().asText();
            String b = w.asText();
            if (!a.equals(b)) {
                assertEquals(0, new BigDecimal(a).compareTo(new BigDecimal(b)),
                        where + ": field " + f.getKey() + " raw " + a + " decoded " + b);
            }
        }
        Iterator<String> names = written.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            assertTrue(raw.has(name), where + ": decoder invented field " + name);
        }
    }
}
