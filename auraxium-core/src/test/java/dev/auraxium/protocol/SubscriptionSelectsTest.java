package dev.auraxium.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.event.Death;
import dev.auraxium.event.Event;
import dev.auraxium.event.FacilityControl;
import dev.auraxium.event.GainExperience;
import dev.auraxium.event.ItemAdded;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.event.UnknownEvent;
import dev.auraxium.event.VehicleDestroy;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The server's matching model (protocol sheet §3.2), row by row. */
class SubscriptionSelectsTest {
    private static final Instant T = Instant.ofEpochSecond(1_700_000_000L);
    private static final long ME = 5428011263300000001L;
    private static final long FOE = 5428011263300000002L;
    private static final long OTHER = 5428011263300000003L;

    private static Subscription sub(Set<String> names, Set<String> chars, Set<String> worlds, boolean and) {
        return new Subscription(names, chars, worlds, and);
    }

    private static Death death(long victim, long attacker, int world) {
        return new Death(T, world, attacker, 1, 1, OptionalInt.of(1), 0, 1, victim, 1, Optional.of(false), false,
                OptionalInt.of(2), OptionalInt.empty(), 2);
    }

    private static GainExperience xp(long character, long other, int expId, int world) {
        return new GainExperience(T, world, 10, character, expId, 1, other, OptionalInt.of(1), 2);
    }

    private static FacilityControl capture(int world) {
        return new FacilityControl(T, world, 100, 222280, 3, 1, OptionalLong.of(0), 2);
    }

    @Test
    void worldEventsNeedTheirWorldAndIgnoreCharactersAndTheFlag() {
        assertTrue(sub(Set.of("FacilityControl"), Set.of(), Set.of("17"), false).selects(capture(17)));
        assertTrue(sub(Set.of("FacilityControl"), Set.of(), Set.of("all"), true).selects(capture(17)));
        assertFalse(sub(Set.of("FacilityControl"), Set.of("all"), Set.of("1"), false).selects(capture(17)));
        assertFalse(sub(Set.of("FacilityControl"), Set.of("all"), Set.of(), false).selects(capture(17)),
                "omitted worlds select no world event");
    }

    @Test
    void characterEventsNeedTheCharacterAndTheWorldOnlyWhenTheFlagIsSet() {
        ItemAdded item = new ItemAdded(T, 19, ME, "SellBundle", 1, 2, 8);
        assertTrue(sub(Set.of("ItemAdded"), Set.of(Long.toString(ME)), Set.of(), false).selects(item));
        assertTrue(sub(Set.of("ItemAdded"), Set.of(Long.toString(ME)), Set.of("1"), false).selects(item),
                "without the flag worlds are ignored for character events");
        assertFalse(sub(Set.of("ItemAdded"), Set.of(Long.toString(ME)), Set.of("1"), true).selects(item));
        assertTrue(sub(Set.of("ItemAdded"), Set.of(Long.toString(ME)), Set.of("19"), true).selects(item));
        assertFalse(sub(Set.of("ItemAdded"), Set.of(), Set.of("all"), false).selects(item),
                "omitted characters select no character event");
    }

    @Test
    void deathsAndVehicleKillsMatchTheVictimOrTheAttacker() {
        Set<String> me = Set.of(Long.toString(ME));
        assertTrue(sub(Set.of("Death"), me, Set.of(), false).selects(death(ME, FOE, 1)));
        assertTrue(sub(Set.of("Death"), me, Set.of(), false).selects(death(FOE, ME, 1)));
        assertFalse(sub(Set.of("Death"), me, Set.of(), false).selects(death(FOE, OTHER, 1)));
        assertFalse(sub(Set.of("Death"), me, Set.of("10"), true).selects(death(FOE, ME, 1)));
        VehicleDestroy vd = new VehicleDestroy(T, 1, ME, 1, OptionalInt.empty(), 0, 1, 0, 0, 2, OptionalInt.empty(), 4, 6);
        assertTrue(sub(Set.of("VehicleDestroy"), me, Set.of(), false).selects(vd));
    }

    @Test
    void experienceFiltersSelectOnlyTheirIdAndNeverMatchOtherId() {
        Set<String> me = Set.of(Long.toString(ME));
        Subscription seven = sub(Set.of(GainExperience.filterExperience(7)), me, Set.of(), false);
        assertTrue(seven.selects(xp(ME, 0, 7, 1)));
        assertFalse(seven.selects(xp(ME, 0, 8, 1)));
        assertFalse(seven.selects(xp(OTHER, ME, 7, 1)), "other_id is never matched");
        assertTrue(sub(Set.of("GainExperience"), me, Set.of(), false).selects(xp(ME, 0, 8, 1)));
        assertTrue(sub(Set.of("all"), Set.of("all"), Set.of(), false).selects(xp(ME, 0, 8, 1)));
    }

    @Test
    void loginsMatchTheWorldOrTheCharacterWhateverTheFlag() {
        PlayerLogin login = new PlayerLogin(T, 13, ME);
        assertTrue(sub(Set.of("PlayerLogin"), Set.of(), Set.of("13"), true).selects(login));
        assertTrue(sub(Set.of("PlayerLogin"), Set.of(Long.toString(ME)), Set.of("1"), true).selects(login));
        assertFalse(sub(Set.of("PlayerLogin"), Set.of(Long.toString(OTHER)), Set.of("1"), false).selects(login));
        assertFalse(sub(Set.of("PlayerLogout"), Set.of("all"), Set.of("all"), false).selects(login));
    }

    @Test
    void unknownEventsMatchByNameAndByCharacterWhenTheyCarryOne() {
        Event fish = new UnknownEvent("FishScanV2", T, 1, Map.of("character_id", Long.toString(ME),
                "event_name", "FishScanV2", "timestamp", "1700000000", "world_id", "1"));
        assertTrue(sub(Set.of("FishScanV2"), Set.of(Long.toString(ME)), Set.of(), false).selects(fish));
        assertTrue(sub(Set.of("all"), Set.of("all"), Set.of(), false).selects(fish));
        assertFalse(sub(Set.of("FishScan"), Set.of("all"), Set.of("all"), false).selects(fish));
        Event worldly = new UnknownEvent("ZoneWeather", T, 1, Map.of("event_name", "ZoneWeather",
                "timestamp", "1700000000", "world_id", "1"));
        assertTrue(sub(Set.of("ZoneWeather"), Set.of(), Set.of("1"), false).selects(worldly));
    }
}
