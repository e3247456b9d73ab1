package dev.auraxium.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The shared builder bases ({@link EventBuilder} and its subclasses): every event type's builder
 * gets the same setters, the same checks with the same messages, returns itself from each setter
 * and puts the value set into the event it builds. A regression in a base fails here for every
 * builder that uses it, not only for the one that {@link EventBuildersTest} happens to try.
 */
class EventBuilderBasesTest {
    private static final Instant WITH_NANOS = Instant.parse("2026-11-30T15:24:08.987654321Z");
    private static final Instant WHOLE = Instant.parse("2026-11-30T15:24:08Z");

    /** A fresh builder of every event type, {@link UnknownEvent} included. */
    private static List<Supplier<EventBuilder<?>>> everyBuilder() {
        return List.of(Death::builder, VehicleDestroy::builder, GainExperience::builder, PlayerLogin::builder,
                PlayerLogout::builder, FacilityControl::builder, MetagameEvent::builder, ContinentLock::builder,
                AchievementEarned::builder, BattleRankUp::builder, FishScan::builder, ItemAdded::builder,
                PlayerFacilityCapture::builder, PlayerFacilityDefend::builder, SkillAdded::builder,
                () -> UnknownEvent.builder("NewEvent"));
    }

    private static void assertRefused(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void theListCoversEveryEventType() {
        Set<String> names = new HashSet<>();
        everyBuilder().forEach(b -> names.add(b.get().build().eventName()));
        assertTrue(names.containsAll(EventNames.known()), "missing: " + names);
        assertTrue(names.contains("NewEvent"));
    }

    @Test
    void everyBuilderChecksWorldAndTimestampAlike() {
        for (Supplier<EventBuilder<?>> s : everyBuilder()) {
            EventBuilder<?> b = s.get();
            String who = b.getClass().getName();
            assertRefused("worldId must be positive, was 0", () -> b.worldId(0));
            assertRefused("worldId must be positive, was -7", () -> b.worldId(-7));
            assertRefused("timestamp must not be before 1970-01-01T00:00:00Z (the wire carries Unix seconds), was "
                    + "1969-12-31T23:59:59Z", () -> b.timestamp(Instant.parse("1969-12-31T23:59:59Z")));
            assertEquals("timestamp", assertThrows(NullPointerException.class, () -> b.timestamp(null)).getMessage());
            // a refused value leaves the builder as it was
            Event defaults = b.build();
            assertEquals(17, defaults.worldId(), who);
            assertSame(b, b.worldId(40), who);
            assertSame(b, b.timestamp(WITH_NANOS), who);
            Event e = b.build();
            assertEquals(40, e.worldId(), who);
            assertEquals(WHOLE, e.timestamp(), who);
        }
    }

    @Test
    void everyZoneBuilderChecksTheZoneAlike() {
        int zoneBuilders = 0;
        for (Supplier<EventBuilder<?>> s : everyBuilder()) {
            if (!(s.get() instanceof ZoneEventBuilder<?> b)) {
                continue;
            }
            zoneBuilders++;
            String who = b.getClass().getName();
            assertRefused("zoneId must be an unsigned 32-bit value (0 to 4294967295), was -1", () -> b.zoneId(-1));
            assertRefused("zoneId must be an unsigned 32-bit value (0 to 4294967295), was 4294967296",
                    () -> b.zoneId(1L << 32));
            assertSame(b, b.zoneId(0xFFFF_FFFFL), who);
            assertEquals(0xFFFF_FFFFL, assertInstanceOf(ZoneEvent.class, b.build(), who).zoneId(), who);
            assertEquals(Zones.ESAMIR, ((ZoneEvent) b.zoneId(Zones.ESAMIR).build()).zoneId(), who);
        }
        assertEquals(12, zoneBuilders, "every ZoneEvent type's builder sets its zone through the base");
    }

    @Test
    void everyCharacterBuilderChecksTheCharacterAlike() {
        int characterBuilders = 0;
        for (Supplier<EventBuilder<?>> s : everyBuilder()) {
            EventBuilder<?> b = s.get();
            Consumer<Long> set;
            if (b instanceof CharacterZoneEventBuilder<?> c) {
                set = c::characterId;
            } else if (b instanceof CharacterEventBuilder<?> c) {
                set = c::characterId;
            } else {
                continue;
            }
            characterBuilders++;
            String who = b.getClass().getName();
            assertRefused("characterId must not be negative, was -1", () -> set.accept(-1L));
            set.accept(0L);
            assertEquals(0L, assertInstanceOf(CharacterEvent.class, b.build(), who).characterId(), who);
            set.accept(Long.MAX_VALUE);
            assertEquals(Long.MAX_VALUE, ((CharacterEvent) b.build()).characterId(), who);
        }
        assertEquals(12, characterBuilders, "every CharacterEvent type's builder sets its character through a base");
    }

    @Test
    void bothAttackerBuildersCheckAndCarryTheAttackerAlike() {
        List<AttackerEventBuilder<?>> builders = List.of(Death.builder(), VehicleDestroy.builder());
        for (AttackerEventBuilder<?> b : builders) {
            assertRefused("attackerCharacterId must not be negative, was -1", () -> b.attackerCharacterId(-1));
            assertRefused("attackerLoadoutId must not be negative, was -2", () -> b.attackerLoadoutId(-2));
            assertRefused("attackerTeamId must not be negative, was -3", () -> b.attackerTeamId(-3));
            assertRefused("attackerVehicleId must not be negative, was -4", () -> b.attackerVehicleId(-4));
            assertRefused("attackerWeaponId must not be negative, was -5", () -> b.attackerWeaponId(-5));
            assertRefused("teamId must not be negative, was -6", () -> b.teamId(-6));
            assertEquals("attackerTeamId", assertThrows(NullPointerException.class,
                    () -> b.attackerTeamId((OptionalInt) null)).getMessage());
            assertEquals("teamId", assertThrows(NullPointerException.class,
                    () -> b.teamId((OptionalInt) null)).getMessage());
            assertSame(b, b.attackerCharacterId(11).attackerLoadoutId(12).attackerTeamId(1).attackerVehicleId(13)
                    .attackerWeaponId(14).teamId(OptionalInt.empty()));
            AttackerEvent e = assertInstanceOf(AttackerEvent.class, b.build());
            assertEquals(11, e.attackerCharacterId());
            if (e instanceof Death d) {
                assertEquals(List.of(12, OptionalInt.of(1), 13, 14, OptionalInt.empty()), List.of(d.attackerLoadoutId(),
                        d.attackerTeamId(), d.attackerVehicleId(), d.attackerWeaponId(), d.teamId()));
            } else {
                VehicleDestroy v = (VehicleDestroy) e;
                assertEquals(List.of(12, OptionalInt.of(1), 13, 14, OptionalInt.empty()), List.of(v.attackerLoadoutId(),
                        v.attackerTeamId(), v.attackerVehicleId(), v.attackerWeaponId(), v.teamId()));
            }
        }
    }

    @Test
    void baseAndOwnSettersChainInAnyOrderReturningTheConcreteBuilder() {
        // Written as a user would: each line compiles only if every setter returns the event's own Builder.
        Death d = Death.builder().isHeadshot(true).worldId(13).attackerCharacterId(0).characterLoadoutId(4)
                .timestamp(WITH_NANOS).zoneId(Zones.HOSSIN).vehicleId(3).teamId(1).characterId(9).build();
        assertEquals(new Death(WHOLE, 13, 0, 7214, 15, OptionalInt.of(3), 0, 7214, 9, 4,
                java.util.Optional.of(false), true, OptionalInt.of(1), OptionalInt.of(3), Zones.HOSSIN), d);
        FishScan f = FishScan.builder().zoneId(Zones.INDAR).fishId(5).worldId(1).characterId(2).teamId(3).build();
        assertEquals(List.of((long) Zones.INDAR, 5, 1, 2L, 3),
                List.of(f.zoneId(), f.fishId(), f.worldId(), f.characterId(), f.teamId()));
        assertEquals(Zones.OSHUR, FishScan.builder().build().zoneId(), "FishScan keeps its own default zone");
        PlayerLogin l = PlayerLogin.builder().characterId(42).worldId(1000).timestamp(WITH_NANOS).build();
        assertEquals(new PlayerLogin(WHOLE, 1000, 42), l);
        UnknownEvent u = UnknownEvent.builder("NewEvent").worldId(13).field("a", "b").timestamp(WHOLE).build();
        assertEquals(List.of(13, WHOLE, "b"), List.of(u.worldId(), u.timestamp(), u.fields().get("a")));
    }
}
