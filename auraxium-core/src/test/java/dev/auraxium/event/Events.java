package dev.auraxium.event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;

/** Builds events for tests (real records; frames are made from them with the real codec). */
public final class Events {
    public static final Instant T = Instant.ofEpochSecond(1_717_171_717L);

    private Events() {
    }

    public static Death death(long victim, long attacker, int world) {
        return deathAt(T, victim, attacker, world);
    }

    public static Death deathAt(Instant timestamp, long victim, long attacker, int world) {
        return new Death(timestamp, world, attacker, 1, 1, OptionalInt.of(1), 0, 80, victim, 4, Optional.of(false), false,
                OptionalInt.of(2), OptionalInt.empty(), 2);
    }

    public static Death headshot(long victim, long attacker, int world) {
        return new Death(T, world, attacker, 1, 1, OptionalInt.of(1), 0, 80, victim, 4, Optional.of(false), true,
                OptionalInt.of(2), OptionalInt.empty(), 2);
    }

    public static VehicleDestroy vehicleDestroy(long owner, long attacker, int world) {
        return new VehicleDestroy(T, world, attacker, 1, OptionalInt.of(1), 0, 80, owner, 0, 2, OptionalInt.of(2), 4, 2);
    }

    public static GainExperience xp(long character, int experienceId, int world) {
        return new GainExperience(T, world, 10, character, experienceId, 1, 0, OptionalInt.of(1), 2);
    }

    public static PlayerLogin login(long character, int world) {
        return new PlayerLogin(T, world, character);
    }

    public static PlayerLogout logout(long character, int world) {
        return new PlayerLogout(T, world, character);
    }

    public static FacilityControl facility(int world) {
        return new FacilityControl(T, world, 100, 1234, 1, 2, OptionalLong.empty(), 2);
    }

    public static MetagameEvent alert(int world) {
        return new MetagameEvent(T, world, 25, 30, 30, 40, 1, 147, 135, Optional.of("started"), OptionalLong.of(2));
    }

    public static ContinentLock lock(int world) {
        return new ContinentLock(T, world, OptionalInt.empty(), 0, 30, 1, 30, 2, 40, 2);
    }

    public static AchievementEarned achievement(long character, int world) {
        return new AchievementEarned(T, world, 90001, character, 2);
    }

    public static UnknownEvent unknown(String name, int world, Long character) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("event_name", name);
        f.put("timestamp", Long.toString(T.getEpochSecond()));
        f.put("world_id", Integer.toString(world));
        if (character != null) {
            f.put("character_id", Long.toString(character));
        }
        return new UnknownEvent(name, T, world, f);
    }

    /** A random event of any kind (known or not) with ids drawn from small pools so filters hit. */
    public static Event random(Random r, long[] characters, int[] worlds, String[] unknownNames) {
        long c = characters[r.nextInt(characters.length)];
        long c2 = characters[r.nextInt(characters.length)];
        int w = worlds[r.nextInt(worlds.length)];
        return switch (r.nextInt(16)) {
            case 0 -> death(c, c2, w);
            case 1 -> vehicleDestroy(c, c2, w);
            case 2 -> xp(c, r.nextInt(4), w);
            case 3 -> login(c, w);
            case 4 -> logout(c, w);
            case 5 -> facility(w);
            case 6 -> alert(w);
            case 7 -> lock(w);
            case 8 -> achievement(c, w);
            case 9 -> new BattleRankUp(T, w, 50, c, 2);
            case 10 -> new FishScan(T, w, c, 3, 1, 1, 2);
            case 11 -> new ItemAdded(T, w, c, "SellBundle", 1, 7, 2);
            case 12 -> new PlayerFacilityCapture(T, w, c, 1234, 0, 2);
            case 13 -> new PlayerFacilityDefend(T, w, c, 1234, 0, 2);
            case 14 -> new SkillAdded(T, w, c, 5, 2);
            default -> unknown(unknownNames[r.nextInt(unknownNames.length)], w, r.nextBoolean() ? c : null);
        };
    }
}
