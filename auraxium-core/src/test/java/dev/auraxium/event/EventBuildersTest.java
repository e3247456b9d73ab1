package dev.auraxium.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.protocol.EssCodec;
import dev.auraxium.protocol.ServiceMessage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every event type's builder: plausible defaults, whole seconds, checked arguments, and a codec round trip. */
class EventBuildersTest {
    private static final EssCodec CODEC = EssCodec.standard();
    /** A time with a fraction of a second, as {@code Instant.now()} gives. */
    private static final Instant WITH_NANOS = Instant.parse("2026-11-30T15:24:08.123456789Z");

    /** One event of every type built with defaults, and one with every field set. */
    static List<Event> allBuilt() {
        return List.of(
                Death.builder().build(),
                Death.builder().timestamp(WITH_NANOS).worldId(10).attackerCharacterId(0).attackerFireModeId(1)
                        .attackerLoadoutId(2).attackerTeamId(OptionalInt.empty()).attackerVehicleId(3)
                        .attackerWeaponId(4).characterId(5).characterLoadoutId(6).isCritical(Optional.empty())
                        .isHeadshot(true).teamId(1).vehicleId(7).zoneId(Zones.zoneId(Zones.ESAMIR, 3)).build(),
                GainExperience.builder().build(),
                GainExperience.builder().timestamp(WITH_NANOS).amount(50).characterId(9).experienceId(7).loadoutId(4)
                        .otherId(11).teamId(OptionalInt.empty()).zoneId(Zones.HOSSIN).build(),
                VehicleDestroy.builder().build(),
                VehicleDestroy.builder().attackerCharacterId(0).attackerTeamId(OptionalInt.empty()).characterId(0)
                        .facilityId(222280).teamId(OptionalInt.empty()).vehicleId(4).build(),
                PlayerLogin.builder().build(),
                PlayerLogin.builder().worldId(1000).characterId(42).timestamp(WITH_NANOS).build(),
                PlayerLogout.builder().build(),
                FacilityControl.builder().build(),
                FacilityControl.builder().outfitId(OptionalLong.empty()).oldFactionId(2).newFactionId(2).build(),
                MetagameEvent.builder().build(),
                MetagameEvent.builder().metagameEventState(MetagameEvent.STATE_ENDED)
                        .metagameEventStateName(Optional.empty()).zoneId(OptionalLong.empty())
                        .experienceBonus(0.1).factionNc(33.333333).build(),
                ContinentLock.builder().build(),
                ContinentLock.builder().eventType(9).ncPopulation(12.5).build(),
                AchievementEarned.builder().build(),
                BattleRankUp.builder().battleRank(120).build(),
                FishScan.builder().build(),
                ItemAdded.builder().context("SkillGrantItemLine").itemCount(3).build(),
                PlayerFacilityCapture.builder().outfitId(37511594860086180L).build(),
                PlayerFacilityDefend.builder().build(),
                SkillAdded.builder().skillId(13).build(),
                UnknownEvent.builder("NewEvent").build(),
                UnknownEvent.builder("FishCaught").timestamp(WITH_NANOS).worldId(13)
                        .field("character_id", "5428010618015189713").field("note", "ü \"quoted\"").build());
    }

    @Test
    void everyEventTypeHasABuilder() {
        Set<String> names = new HashSet<>();
        allBuilt().forEach(e -> names.add(e.eventName()));
        assertTrue(names.containsAll(EventNames.known()), "missing: " + names);
    }

    @Test
    void everyBuiltEventSurvivesTheCodecEqualToItself() {
        for (Event e : allBuilt()) {
            String frame = CODEC.encodeServiceMessage(e);
            Event back = assertInstanceOf(ServiceMessage.class, CODEC.decode(frame)).event();
            assertEquals(e, back, frame);
            assertEquals(0, e.timestamp().getNano(), "whole seconds: " + e);
        }
    }

    @Test
    void defaultsArePlausibleAndOptionalsFilledAsCurrentPayloadsHaveThem() {
        Death d = Death.builder().build();
        assertEquals(17, d.worldId());
        assertEquals(Zones.INDAR, Zones.definitionId(d.zoneId()));
        assertTrue(d.characterId() > 0 && d.attackerCharacterId() > 0 && d.characterId() != d.attackerCharacterId());
        assertEquals(OptionalInt.of(3), d.attackerTeamId());
        assertEquals(Optional.of(false), d.isCritical());
        assertEquals(OptionalInt.empty(), d.vehicleId(), "current Death payloads lack vehicle_id");
        assertEquals(OptionalInt.empty(), ContinentLock.builder().build().eventType(), "no longer sent");
        assertEquals(OptionalLong.of(Zones.INDAR), MetagameEvent.builder().build().zoneId());
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant t = PlayerLogin.builder().build().timestamp();
        assertTrue(!t.isBefore(before) && !t.isAfter(Instant.now()), t + " is the time of build()");
    }

    @Test
    void aGivenInstantIsTruncatedToWholeSeconds() {
        PlayerLogin built = PlayerLogin.builder().timestamp(WITH_NANOS).build();
        assertEquals(Instant.parse("2026-11-30T15:24:08Z"), built.timestamp());
        // What the builder prevents: a record made with nanoseconds does not survive the wire.
        PlayerLogin raw = new PlayerLogin(WITH_NANOS, 17, 1);
        Event back = ((ServiceMessage) CODEC.decode(CODEC.encodeServiceMessage(raw))).event();
        assertNotEquals(raw, back);
    }

    @Test
    void settersRefuseBadValuesNamingThem() {
        assertEquals("worldId must be positive, was 0",
                assertThrows(IllegalArgumentException.class, () -> Death.builder().worldId(0)).getMessage());
        assertEquals("characterId must not be negative, was -1",
                assertThrows(IllegalArgumentException.class, () -> PlayerLogin.builder().characterId(-1)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Death.builder().zoneId(1L << 32))
                .getMessage().startsWith("zoneId must be an unsigned 32-bit value"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Death.builder().timestamp(Instant.parse("1969-12-31T23:59:59Z"))).getMessage()
                .startsWith("timestamp must not be before 1970"));
        assertEquals("experienceBonus must be a finite number, was NaN", assertThrows(IllegalArgumentException.class,
                () -> MetagameEvent.builder().experienceBonus(Double.NaN)).getMessage());
        assertThrows(NullPointerException.class, () -> ItemAdded.builder().context(null));
        assertEquals("'Death' is a known event, decoded to its own type: use Death.builder()",
                assertThrows(IllegalArgumentException.class, () -> UnknownEvent.builder("Death")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> UnknownEvent.builder("NewEvent").field("world_id", "1")).getMessage().contains("worldId(int)"));
    }

    @Test
    void aBuilderCanBeReusedAndBuildsIndependentEvents() {
        GainExperience.Builder b = GainExperience.builder().timestamp(WITH_NANOS);
        GainExperience a = b.experienceId(7).build();
        GainExperience c = b.experienceId(8).build();
        assertEquals(7, a.experienceId());
        assertEquals(8, c.experienceId());
    }
}
