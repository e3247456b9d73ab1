package dev.auraxium.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.event.Death;
import dev.auraxium.protocol.EssDecodeException;
import dev.auraxium.protocol.EssMessage;
import dev.auraxium.protocol.SampleFiles;
import dev.auraxium.protocol.ServiceMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast path ({@link EventFrameScanner}) against the general Jackson decoder: on every frame,
 * real or damaged, {@link EssDecoder#decode} must give exactly what the general decoder gives
 * (the same message, or the same error), and the fast path must actually carry the live traffic.
 */
class EventFrameScannerTest {
    private static final String DEATH = "{\"payload\":{\"attacker_character_id\":\"5428010618041058369\","
            + "\"attacker_fire_mode_id\":\"7390\",\"attacker_loadout_id\":\"3\",\"attacker_team_id\":\"1\","
            + "\"attacker_vehicle_id\":\"0\",\"attacker_weapon_id\":\"7214\",\"character_id\":\"5428013610449438673\","
            + "\"character_loadout_id\":\"8\",\"event_name\":\"Death\",\"is_critical\":\"0\",\"is_headshot\":\"1\","
            + "\"team_id\":\"2\",\"timestamp\":\"1730200000\",\"world_id\":\"17\",\"zone_id\":\"2\"},"
            + "\"service\":\"event\",\"type\":\"serviceMessage\"}";

    /** What decoding gave: the message, or the error's message. */
    private record Outcome(EssMessage message, String error) {
    }

    private static Outcome viaDecode(String text) {
        try {
            return new Outcome(EssDecoder.decode(text), null);
        } catch (EssDecodeException e) {
            return new Outcome(null, e.getMessage());
        }
    }

    private static Outcome viaGeneral(String text) {
        try {
            return new Outcome(EssDecoder.decodeGeneral(text), null);
        } catch (EssDecodeException e) {
            return new Outcome(null, e.getMessage());
        }
    }

    /** Every frame of the shared captures; bare payloads are wrapped in the live envelope. */
    private static List<String> realFrames() throws Exception {
        List<String> frames = new ArrayList<>();
        for (Path file : SampleFiles.jsonl()) {
            boolean bare = file.getFileName().toString().endsWith(".payloads.jsonl");
            for (String line : SampleFiles.lines(file)) {
                frames.add(bare ? "{\"payload\":" + line + ",\"service\":\"event\",\"type\":\"serviceMessage\"}" : line);
            }
        }
        return frames;
    }

    @Test
    void takesTheCompactEventFrameAndDecodesItLikeJackson() {
        assertTrue(EssDecoder.takesFastPath(DEATH));
        Death d = (Death) ((ServiceMessage) EssDecoder.decode(DEATH)).event();
        assertEquals(5428010618041058369L, d.attackerCharacterId());
        assertTrue(d.isHeadshot());
        assertEquals(viaGeneral(DEATH), viaDecode(DEATH));
    }

    @Test
    void leavesEveryOtherShapeToJackson() {
        List<String> others = List.of(
                DEATH.replace("{\"payload\"", "{ \"payload\""), // whitespace
                DEATH + " ",                                      // trailing whitespace (valid JSON)
                DEATH.replace("\"world_id\":\"17\"", "\"world_id\":17"), // a number value
                DEATH.replace("\"zone_id\":\"2\"", "\"zone_id\":\"\\u0032\""), // an escape
                DEATH.replace(",\"type\":\"serviceMessage\"", ""),        // no type
                DEATH.replace("\"service\":\"event\"", "\"service\":\"push\""),
                DEATH.replace("\"type\":\"serviceMessage\"", "\"type\":\"serviceMessage\",\"type\":\"serviceMessage\""),
                DEATH.replace("\"service\":\"event\"", "\"service\":\"event\",\"extra\":\"1\""),
                DEATH.replace("\"event_name\":\"Death\",", ""),           // no event_name
                "{\"payload\":{\"recent_character_id_count\":\"5\"},\"service\":\"event\",\"type\":\"serviceMessage\"}",
                "{\"online\":{\"EventServerEndpoint_Connery_1\":\"true\"},\"service\":\"event\",\"type\":\"heartbeat\"}",
                DEATH.substring(0, DEATH.length() - 1));
        for (String frame : others) {
            assertFalse(EssDecoder.takesFastPath(frame), frame);
            assertEquals(viaGeneral(frame), viaDecode(frame), frame);
        }
    }

    @Test
    void agreesWithJacksonOnEveryRealFrameAndCarriesTheEvents() throws Exception {
        int events = 0;
        int fast = 0;
        for (String frame : realFrames()) {
            Outcome general = viaGeneral(frame);
            assertEquals(general, viaDecode(frame), frame);
            if (general.message() instanceof ServiceMessage) {
                events++;
                fast += EssDecoder.takesFastPath(frame) ? 1 : 0;
            }
        }
        System.out.printf("fast path: %d of %d real event frames%n", fast, events);
        assertTrue(events > 500, "too few real events: " + events);
        assertTrue(fast >= events * 0.9, "the fast path took only " + fast + " of " + events + " real events");
    }

    @Test
    void agreesWithJacksonOnDamagedCopiesOfRealFrames() throws Exception {
        List<String> frames = realFrames();
        Random random = new Random(20261127);
        String alphabet = "{}[]\":,\\ 0123456789.-eEtrufalsn_\u0000\u001f\u00e9\u20ac\ud83d";
        int compared = 0;
        int fastTaken = 0;
        for (int round = 0; round < 20_000; round++) {
            String f = frames.get(random.nextInt(frames.size()));
            StringBuilder b = new StringBuilder(f);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && b.length() > 0; e++) {
                int at = random.nextInt(b.length());
                switch (random.nextInt(5)) {
                    case 0 -> b.deleteCharAt(at);
                    case 1 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 2 -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 3 -> b.setLength(at);
                    default -> {
                        int end = Math.min(b.length(), at + 1 + random.nextInt(40));
                        b.insert(at, b.substring(at, end)); // a repeated stretch: duplicate members
                    }
                }
            }
            String damaged = b.toString();
            fastTaken += EssDecoder.takesFastPath(damaged) ? 1 : 0;
            assertEquals(viaGeneral(damaged), viaDecode(damaged), damaged);
            compared++;
        }
        System.out.printf("damaged frames: %d compared, %d of them on the fast path%n", compared, fastTaken);
        assertTrue(fastTaken > 1_000, "the damage should leave many frames on the fast path: " + fastTaken);
    }

    /** One payload value replaced by a value of the wrong kind, in the fast shape and in Jackson's. */
    @Test
    void aValueOfTheWrongKindLosesNoEventOnEitherPath() throws Exception {
        java.util.regex.Pattern member = java.util.regex.Pattern.compile("\"([a-z_]+)\":\"([^\"\\\\]*)\"");
        String[] wrongStrings = {"\"\"", "\"abc\"", "\"-1\"", "\"99999999999999999999\"", "\"4294967296\"", "\"1.5\""};
        String[] wrongJson = {"true", "{}", "[]", "1.5e400", "null", "-3"};
        Random random = new Random(20261130);
        int frames = 0;
        int withInvalid = 0;
        int fast = 0;
        for (String frame : realFrames()) {
            Outcome original = viaGeneral(frame);
            if (!(original.message() instanceof ServiceMessage sm) || frame.indexOf("\"payload\":{") < 0) {
                continue;
            }
            int payloadStart = frame.indexOf("\"payload\":{") + 11;
            int payloadEnd = frame.indexOf('}', payloadStart);
            java.util.regex.Matcher m = member.matcher(frame);
            List<int[]> values = new ArrayList<>();
            List<String> names = new ArrayList<>();
            while (m.find()) {
                if (m.start() > payloadStart && m.end() <= payloadEnd) {
                    values.add(new int[] {m.start(2) - 1, m.end(2) + 1});
                    names.add(m.group(1));
                }
            }
            for (int k = 0; k < 3 && !values.isEmpty(); k++) {
                int pick = random.nextInt(values.size());
                String field = names.get(pick);
                boolean json = random.nextBoolean();
                String bad = json ? wrongJson[random.nextInt(wrongJson.length)] : wrongStrings[random.nextInt(wrongStrings.length)];
                String damaged = frame.substring(0, values.get(pick)[0]) + bad + frame.substring(values.get(pick)[1]);
                Outcome general = viaGeneral(damaged);
                assertEquals(general, viaDecode(damaged), damaged);
                frames++;
                fast += EssDecoder.takesFastPath(damaged) ? 1 : 0;
                if (field.equals("event_name") || field.equals("timestamp") || field.equals("world_id")) {
                    continue; // required: the frame may be refused
                }
                assertTrue(general.message() instanceof ServiceMessage, () -> "lost: " + damaged + " -> " + general.error());
                ServiceMessage got = (ServiceMessage) general.message();
                assertEquals(sm.event().getClass(), got.event().getClass(), damaged);
                assertTrue(got.invalidFields().isEmpty() || got.invalidFields().keySet().equals(java.util.Set.of(field)),
                        () -> got.invalidFields() + " for " + damaged);
                withInvalid += got.invalidFields().isEmpty() ? 0 : 1;
            }
        }
        System.out.printf("wrong-kind values: %d frames, %d on the fast path, %d with an invalid field%n", frames, fast,
                withInvalid);
        assertTrue(withInvalid > 300 && fast > 300, "both paths and the invalid case are exercised");
    }

    @Test
    void theIssuesTwoExamplesAreDeliveredWithoutTheField() {
        String lock = "{\"payload\":{\"event_name\":\"ContinentLock\",\"event_type\":\"\",\"metagame_event_id\":\"0\","
                + "\"nc_population\":\"30\",\"previous_faction\":\"1\",\"timestamp\":\"1730200000\","
                + "\"tr_population\":\"30\",\"triggering_faction\":\"2\",\"vs_population\":\"40\",\"world_id\":\"17\","
                + "\"zone_id\":\"2\"},\"service\":\"event\",\"type\":\"serviceMessage\"}";
        assertTrue(EssDecoder.takesFastPath(lock));
        ServiceMessage m = (ServiceMessage) EssDecoder.decode(lock);
        assertEquals(java.util.OptionalInt.empty(), ((dev.auraxium.event.ContinentLock) m.event()).eventType());
        assertEquals(java.util.Map.of("event_type", "\"\""), m.invalidFields());
        assertEquals(m, EssDecoder.decodeGeneral(lock));

        String death = DEATH.replace("\"zone_id\":\"2\"", "\"zone_id\":\"abc\"");
        ServiceMessage d = (ServiceMessage) EssDecoder.decode(death);
        assertEquals(0, ((Death) d.event()).zoneId());
        assertEquals(5428013610449438673L, ((Death) d.event()).characterId());
        assertEquals(java.util.Map.of("zone_id", "\"abc\""), d.invalidFields());
        assertEquals(d, EssDecoder.decodeGeneral(death));
        // the same field as a JSON value of the wrong kind (Jackson's path only)
        ServiceMessage j = (ServiceMessage) EssDecoder.decode(DEATH.replace("\"zone_id\":\"2\"", "\"zone_id\":true"));
        assertEquals(java.util.Map.of("zone_id", "true"), j.invalidFields());
        // a clean frame has none
        assertTrue(((ServiceMessage) EssDecoder.decode(DEATH)).invalidFields().isEmpty());
    }
}
