package dev.auraxium.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.auraxium.event.CharacterEvent;
import dev.auraxium.event.Event;
import dev.auraxium.event.FacilityControl;
import dev.auraxium.event.UnknownEvent;
import dev.auraxium.event.Zones;
import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.ServiceMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EssCodec CODEC = EssCodec.standard();

    @Test
    void sameSeedGivesTheSameFramesAndAnotherSeedDoesNot() {
        List<String> a = SyntheticStream.ofSeed(42).stream(2_000).toList();
        List<String> b = SyntheticStream.ofSeed(42).stream(2_000).toList();
        List<String> c = SyntheticStream.ofSeed(43).stream(2_000).toList();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void everyFrameDecodesIntoTheTypedEventItNames() throws Exception {
        // equal weights, so that the rare kinds are checked as often as the common ones
        SyntheticStream.Builder uniform = SyntheticStream.builder().seed(7).eventsPerSecond(200);
        SyntheticStream.defaultMix().keySet().forEach(name -> uniform.weight(name, 1.0));
        SyntheticStream s = uniform.build();
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String frame = s.next();
            JsonNode node = JSON.readTree(frame);
            assertEquals(List.of("payload", "service", "type"), fieldNames(node), frame);
            JsonNode payload = node.get("payload");
            List<String> keys = fieldNames(payload);
            assertEquals(keys.stream().sorted().toList(), keys, "payload keys alphabetical: " + frame);
            for (String k : keys) {
                assertTrue(payload.get(k).isTextual(), "every value a string: " + frame);
            }
            Event e = ((ServiceMessage) CODEC.decode(frame)).event();
            assertFalse(e instanceof UnknownEvent, frame);
            assertEquals(payload.get("event_name").textValue(), e.eventName());
            assertEquals(payload.get("event_name").textValue(), e.getClass().getSimpleName());
            if (e instanceof CharacterEvent ce && ce.characterId() != 0) {
                String id = Long.toString(ce.characterId());
                assertTrue(id.length() == 19 && (id.startsWith("5428") || id.startsWith("5429")), frame);
            }
            seen.add(e.eventName());
        }
        assertEquals(SyntheticStream.defaultMix().keySet(), seen, "every event kind of the mix appears in 10,000 frames");
    }

    @Test
    void mixWorldsAndZonesFollowTheWeightsWithoutBursts() {
        int n = 30_000;
        SyntheticStream s = SyntheticStream.builder().seed(11).facilityBursts(false).build();
        Map<String, Integer> byName = new HashMap<>();
        Map<Integer, Integer> byWorld = new HashMap<>();
        int instanced = 0;
        int zoned = 0;
        for (int i = 0; i < n; i++) {
            Event e = ((ServiceMessage) CODEC.decode(s.next())).event();
            byName.merge(e.eventName(), 1, Integer::sum);
            byWorld.merge(e.worldId(), 1, Integer::sum);
            if (e instanceof dev.auraxium.event.ZoneEvent z) {
                zoned++;
                if (Zones.instanceId(z.zoneId()) != 0) {
                    instanced++;
                }
            }
        }
        double total = SyntheticStream.defaultMix().values().stream().mapToDouble(Double::doubleValue).sum();
        for (var w : SyntheticStream.defaultMix().entrySet()) {
            double expected = w.getValue() / total;
            double actual = byName.getOrDefault(w.getKey(), 0) / (double) n;
            // within 5 standard deviations of a binomial share, plus a little for rounding
            double tolerance = 5 * Math.sqrt(expected * (1 - expected) / n) + 0.0005;
            assertEquals(expected, actual, tolerance, w.getKey());
        }
        assertTrue(byName.get("GainExperience") / (double) n > 0.83);
        double worldTotal = SyntheticStream.defaultWorlds().values().stream().mapToDouble(Double::doubleValue).sum();
        for (var w : SyntheticStream.defaultWorlds().entrySet()) {
            // characters are spread over worlds once, so world shares vary a little more than events
            assertEquals(w.getValue() / worldTotal, byWorld.getOrDefault(w.getKey(), 0) / (double) n, 0.03,
                    "world " + w.getKey());
        }
        double instancedShare = instanced / (double) zoned;
        assertTrue(instancedShare > 0.01 && instancedShare < 0.06, "instanced zones: " + instancedShare);
    }

    @Test
    void facilityControlComesInBurstsOnOneWorldByDefault() {
        SyntheticStream s = SyntheticStream.builder().seed(3).only("GainExperience", "FacilityControl")
                .weight("FacilityControl", 0.02).build();
        int longestRunOnOneWorld = 0;
        int run = 0;
        int lastWorld = -1;
        for (int i = 0; i < 10_000; i++) {
            Event e = ((ServiceMessage) CODEC.decode(s.next())).event();
            if (e instanceof FacilityControl fc) {
                run = fc.worldId() == lastWorld ? run + 1 : 1;
                lastWorld = fc.worldId();
                longestRunOnOneWorld = Math.max(longestRunOnOneWorld, run);
            }
        }
        assertTrue(longestRunOnOneWorld >= 15, "longest FacilityControl run on one world: " + longestRunOnOneWorld);
    }

    @Test
    void timestampsAdvanceAtTheConfiguredRateAndArriveSlightlyOutOfOrder() {
        SyntheticStream s = SyntheticStream.builder().seed(5).eventsPerSecond(100).build();
        List<Long> ts = s.stream(1_000).map(f -> ((ServiceMessage) CODEC.decode(f)).event().timestamp().getEpochSecond())
                .toList();
        long first = SyntheticStream.DEFAULT_START.getEpochSecond();
        assertTrue(ts.get(0) >= first - 1 && ts.get(0) <= first);
        assertTrue(ts.get(999) >= first + 8 && ts.get(999) <= first + 9, "1000 events at 100/s span 10 s: " + ts.get(999));
        int inversions = 0;
        for (int i = 1; i < ts.size(); i++) {
            assertTrue(ts.get(i) >= ts.get(i - 1) - 2, "at most about a second out of order");
            if (ts.get(i) < ts.get(i - 1)) {
                inversions++;
            }
        }
        assertTrue(inversions > 0 && inversions < 100, "inversions: " + inversions);
    }

    @Test
    void worldsAndMixCanBeRestricted() {
        SyntheticStream s = SyntheticStream.builder().seed(9).worlds(1, 2000).only("Death", "PlayerLogin").build();
        Map<String, Long> names = s.stream(2_000).map(f -> ((ServiceMessage) CODEC.decode(f)).event())
                .peek(e -> assertTrue(e.worldId() == 1 || e.worldId() == 2000, "world " + e.worldId()))
                .collect(Collectors.groupingBy(Event::eventName, Collectors.counting()));
        assertEquals(Set.of("Death", "PlayerLogin"), names.keySet());
    }

    @Test
    void toRecordingCarriesOffsetsAtTheRateAndDecodesAsEvents() {
        Recording r = SyntheticStream.builder().seed(1).eventsPerSecond(1_000).build().toRecording(500);
        assertEquals(500, r.size());
        assertTrue(r.hasOffsets());
        assertEquals(0, r.frames().get(0).offsetNanos().getAsLong());
        assertEquals(499_000_000L, r.frames().get(499).offsetNanos().getAsLong());
        assertEquals(500, r.events().size());
    }

    @Test
    void framesHaveTheSizesOfTheLiveStream() {
        SyntheticStream s = SyntheticStream.ofSeed(2);
        List<Integer> xp = new ArrayList<>();
        List<Integer> deaths = new ArrayList<>();
        s.stream(5_000).forEach(f -> {
            if (f.contains("\"event_name\":\"GainExperience\"")) {
                xp.add(f.length());
            } else if (f.contains("\"event_name\":\"Death\"")) {
                deaths.add(f.length());
            }
        });
        double xpMean = xp.stream().mapToInt(Integer::intValue).average().orElseThrow();
        double deathMean = deaths.stream().mapToInt(Integer::intValue).average().orElseThrow();
        assertTrue(xpMean > 240 && xpMean < 300, "GainExperience mean " + xpMean + " (live: 271)");
        assertTrue(deathMean > 380 && deathMean < 450, "Death mean " + deathMean + " (live: 426)");
    }

    @Test
    void builderNamesBadValues() {
        var b = SyntheticStream.builder();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.eventsPerSecond(0)).getMessage().contains("0.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.weight("Nope", 1)).getMessage().contains("Nope"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.weight("Death", -1)).getMessage().contains("-1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.worlds(0)).getMessage().contains("0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.characters(1)).getMessage().contains("1"));
        assertThrows(IllegalArgumentException.class, () -> b.only());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            out.add(it.next());
        }
        return out;
    }
}
