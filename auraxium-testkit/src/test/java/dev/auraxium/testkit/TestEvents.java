package dev.auraxium.testkit;

import dev.auraxium.event.AchievementEarned;
import dev.auraxium.event.Death;
import dev.auraxium.event.FacilityControl;
import dev.auraxium.event.GainExperience;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.event.PlayerLogout;
import dev.auraxium.event.VehicleDestroy;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Events with made-up ids, shaped like real payloads. */
final class TestEvents {
    static final Instant T = Instant.ofEpochSecond(1_717_171_717L);
    static final long ALICE = 5428011263300000001L;
    static final long BOB = 5428011263300000002L;
    static final long CAROL = 5428011263300000003L;

    private TestEvents() {
    }

    static Death death(int world, long victim, long attacker) {
        return new Death(T, world, attacker, 7, 3, OptionalInt.of(2), 0, 80, victim, 5, Optional.of(false), true,
                OptionalInt.of(1), OptionalInt.empty(), 2);
    }

    static VehicleDestroy vehicleDestroy(int world, long owner, long attacker) {
        return new VehicleDestroy(T, world, attacker, 3, OptionalInt.of(2), 0, 80, owner, 0, 1, OptionalInt.of(1),
                4, 2);
    }

    static FacilityControl facilityControl(int world) {
        return new FacilityControl(T, world, 600, 222280, 2, 3, OptionalLong.of(37511594860086180L), 2);
    }

    static PlayerLogin login(int world, long character) {
        return new PlayerLogin(T, world, character);
    }

    static PlayerLogout logout(int world, long character) {
        return new PlayerLogout(T, world, character);
    }

    static GainExperience xp(int world, long character, int experienceId, long other) {
        return new GainExperience(T, world, 10, character, experienceId, 5, other, OptionalInt.of(1), 2);
    }

    static AchievementEarned achievement(int world, long character) {
        return new AchievementEarned(T, world, 90001, character, 2);
    }
}
