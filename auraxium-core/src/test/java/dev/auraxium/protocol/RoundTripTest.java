package dev.auraxium.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import dev.auraxium.event.UnknownEvent;
import dev.auraxium.event.VehicleDestroy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Encoding then decoding gives an equal value, for every message and event type. */
class RoundTripTest {
    private static final EssCodec CODEC = EssCodec.standard();
    private static final Instant T = Instant.ofEpochSecond(1_717_171_717L);

    static Stream<Event> events() {
        Map<String, String> unknown = new LinkedHashMap<>();
        unknown.put("character_id", "5428011263300000001");
        unknown.put("event_name", "FutureEvent");
        unknown.put("shiny", "yes \"quoted\" \\ ünïcødé 🐟");
        unknown.put("timestamp", "1717171717");
        unknown.put("world_id", "13");
        return Stream.of(
                new AchievementEarned(T, 1, 90020, 5429292002801114593L, 4),
                new BattleRankUp(T, 10, 120, 5428011263300000001L, 2),
                new ContinentLock(T, 13, OptionalInt.empty(), 229, 31, 1, 38, 3, 31, 4),
                new ContinentLock(T, 13, OptionalInt.of(1), 229, 31.5, 1, 38.25, 3, 30.25, 4),
                new Death(T, 17, 5428011263300000002L, 26103, 15, OptionalInt.of(1), 0, 26003, 5428011263300000001L, 8,
                        Optional.of(false), true, OptionalInt.of(3), OptionalInt.empty(), 2),
                new Death(T, 17, 0, 0, 0, OptionalInt.empty(), 0, 0, 5428011263300000001L, 8,
                        Optional.empty(), false, OptionalInt.empty(), OptionalInt.of(4), 2),
                new FacilityControl(T, 40, 1893, 222280, 3, 1, OptionalLong.of(37512345678901234L), 8),
                new FacilityControl(T, 40, 1893, 222280, 3, 3, OptionalLong.empty(), 0xFFFF_FFFFL),
                new FishScan(T, 1, 5428011263300000001L, 12, 10, 344, 344),
                new GainExperience(T, 10, 100, 5428011263300000001L, 7, 4, 5428011263300000003L, OptionalInt.of(2), 344),
                new GainExperience(T, 10, 100, 5428011263300000001L, 7, 4, 0, OptionalInt.empty(), 282198111),
                new ItemAdded(T, 19, 5428011263300000001L, "GenericTerminalTransaction", 1, 6003552, 8),
                new MetagameEvent(T, 13, 25, 33.725491, 40, 26.274509, 41234, 229, 138, Optional.of("ended"),
                        OptionalLong.of(4)),
                new MetagameEvent(T, 13, 30, 1.0 / 3, 0, 0, 1, 2, 135, Optional.empty(), OptionalLong.empty()),
                new PlayerFacilityCapture(T, 1, 5428011263300000001L, 222280, 37512345678901234L, 6),
                new PlayerFacilityDefend(T, 1, 5428011263300000001L, 222280, 0, 6),
                new PlayerLogin(T, 13, 5428011263300000001L),
                new PlayerLogout(T, 13, 5428011263300000001L),
                new SkillAdded(T, 1, 5428011263300000001L, 33, 6),
                new VehicleDestroy(T, 1, 0, 0, OptionalInt.of(0), 0, 0, 5428011263300000001L, 0, 2, OptionalInt.of(2), 4, 6),
                new VehicleDestroy(T, 1, 5L, 1, OptionalInt.empty(), 2, 3, 0, 9, 2, OptionalInt.empty(), 2010, 103088492),
                new UnknownEvent("FutureEvent", T, 13, unknown));
    }

    static Stream<EssMessage> messages() {
        Map<String, Boolean> online = new LinkedHashMap<>();
        online.put("EventServerEndpoint_Connery_1", true);
        online.put("EventServerEndpoint_Briggs_25", false);
        return Stream.of(
                new ConnectionStateChanged(true), new ConnectionStateChanged(false),
                new ServiceStateChanged("EventServerEndpoint_Miller_10", false),
                new Heartbeat(online, Optional.of(T)), new Heartbeat(online, Optional.empty()),
                new SubscriptionReply(Optional.of(List.of("all")), OptionalInt.empty(), List.of("Death", "PlayerLogin"),
                        Optional.of(true), List.of("10", "13")),
                new SubscriptionReply(Optional.empty(), OptionalInt.of(2), List.of("GainExperience_experience_id_4"),
                        Optional.of(false), List.of("all")),
                new SubscriptionReply(Optional.empty(), OptionalInt.of(0), List.of("FacilityControl"), Optional.empty(),
                        List.of("1")),
                new RecentCharacterIdsReply(2, Optional.of(List.of(5428011263300000001L, 5428011263300000002L))),
                new RecentCharacterIdsReply(2, Optional.empty()),
                new HelpPrompt(),
                new HelpReply("{\"example event service message payloads\":{\"Death\":{\"character_id\":\"\"}},"
                        + "\"example messages to event service\":{\"1\":\"echo\"}}"),
                new RawMessage("{\"anything\":[1,2,{\"x\":null}]}"),
                new Subscribe(Optional.of(List.of("Death", "VehicleDestroy")), Optional.of(List.of("all")),
                        Optional.of(List.of("1", "17")), Optional.of(true), Optional.empty()),
                new Subscribe(Optional.empty(), Optional.of(List.of("5428011263300000001")), Optional.empty(),
                        Optional.empty(), Optional.of(true)),
                Subscribe.probe(),
                new ClearSubscribe(false, Optional.empty(), Optional.of(List.of("5428011263300000001")), Optional.empty(),
                        Optional.of(false)),
                ClearSubscribe.everything(),
                new Echo("{\"payload\":{\"event_name\":\"FakeEvent\",\"timestamp\":\"1\",\"world_id\":\"1\"},"
                        + "\"service\":\"event\",\"type\":\"serviceMessage\"}"),
                new Help(), new RecentCharacterIds(), new RecentCharacterIdsCount());
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEventSurvivesEncodeThenDecode(Event event) {
        assertEquals(new ServiceMessage(event), CODEC.decode(CODEC.encodeServiceMessage(event)));
        assertEquals(event, CODEC.decodeEvent(CODEC.encodeEvent(event)));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void everyMessageSurvivesEncodeThenDecode(EssMessage message) {
        assertEquals(message, CODEC.decode(CODEC.encode(message)));
    }

    @Test
    void everyRealMessageSurvivesDecodeEncodeDecode() throws Exception {
        int n = 0;
        for (Path file : SampleFiles.jsonl()) {
            boolean bare = file.getFileName().toString().endsWith(".payloads.jsonl");
            for (String line : SampleFiles.lines(file)) {
                if (bare) {
                    Event e = CODEC.decodeEvent(line);
                    assertEquals(e, CODEC.decodeEvent(CODEC.encodeEvent(e)), line);
                } else {
                    EssMessage m = CODEC.decode(line);
                    assertEquals(m, CODEC.decode(CODEC.encode(m)), line);
                }
                n++;
            }
        }
        assertEquals(true, n > 800, "read " + n);
    }

    @Test
    void encodesPayloadKeysAlphabeticallyInTheLiveEnvelope() {
        String text = CODEC.encodeServiceMessage(new PlayerLogin(T, 13, 5428011263300000001L));
        assertEquals("{\"payload\":{\"character_id\":\"5428011263300000001\",\"event_name\":\"PlayerLogin\","
                + "\"timestamp\":\"1717171717\",\"world_id\":\"13\"},\"service\":\"event\",\"type\":\"serviceMessage\"}", text);
    }
}
