package dev.auraxium.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.client.EventClient;
import dev.auraxium.client.FakeTransport;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriggerTest {
    static final long ALICE = 5428011263300000001L;
    static final long BOB = 5428011263300000002L;

    @Test
    void keepsCharacterAndWorldListsGivenToTheBuilder() {
        Trigger<?> t = Trigger.on(Death.class).characters(ALICE, BOB).worlds(10, 13).build();
        assertEquals(List.of(ALICE, BOB), new ArrayList<>(t.characters()));
        assertEquals(List.of(10, 13), new ArrayList<>(t.worlds()));
    }

    @Test
    void matchesTheRightEventCharacterAndWorld() {
        Trigger<?> t = Trigger.on(PlayerLogin.class).characters(ALICE).worlds(13).build();
        assertTrue(t.check(Events.login(ALICE, 13)));
        assertFalse(t.check(Events.login(BOB, 13)), "wrong character");
        assertFalse(t.check(Events.login(ALICE, 10)), "wrong world");
        assertFalse(t.check(Events.logout(ALICE, 13)), "wrong event");
    }

    @Test
    void matchesFilteredGainExperienceOnlyForItsExperienceId() {
        Trigger<?> t = Trigger.on(GainExperience.filterExperience(7)).build();
        assertTrue(t.check(Events.xp(ALICE, 7, 1)));
        assertFalse(t.check(Events.xp(ALICE, 8, 1)));
        Trigger<?> typed = Trigger.onExperience(7, 53).build();
        assertTrue(typed.check(Events.xp(ALICE, 53, 1)));
        assertFalse(typed.check(Events.xp(ALICE, 4, 1)));
        assertTrue(Trigger.on(GainExperience.class).build().check(Events.xp(ALICE, 4, 1)), "plain GainExperience takes every id");
    }

    @Test
    void requiresEveryConditionInOrder() {
        List<String> seen = new ArrayList<>();
        Trigger<?> t = Trigger.on(Death.class)
                .when(d -> seen.add("first") && d.isHeadshot())
                .when(d -> seen.add("second"))
                .build();
        assertFalse(t.check(Events.death(ALICE, BOB, 1)));
        assertEquals(List.of("first"), seen, "stops at the first failing condition");
        assertTrue(t.check(Events.headshot(ALICE, BOB, 1)));
        assertEquals(List.of("first", "first", "second"), seen);
    }

    @Test
    void matchesDeathAndVehicleDestroyByAttackerToo() {
        Trigger<?> t = Trigger.onAny(Death.class, VehicleDestroy.class).characters(ALICE).build();
        assertTrue(t.check(Events.death(BOB, ALICE, 1)), "Alice killed Bob");
        assertTrue(t.check(Events.vehicleDestroy(BOB, ALICE, 1)));
        assertFalse(t.check(Events.death(BOB, BOB, 1)));
    }

    @Test
    void neverMatchesAWorldEventWithACharacterFilter() {
        Trigger<?> t = Trigger.onAny(FacilityControl.class, PlayerLogin.class).characters(ALICE).build();
        assertFalse(t.check(Events.facility(1)));
        assertTrue(t.check(Events.login(ALICE, 1)), "PlayerLogin is a character event too");
    }

    @Test
    void matchesAchievementEarnedByItsWireNameAndClass() {
        // A class named AchievementAdded would never match the wire's AchievementEarned.
        AchievementEarned e = Events.achievement(ALICE, 1);
        assertEquals("AchievementEarned", e.eventName());
        assertTrue(Trigger.on(AchievementEarned.class).build().check(e));
        assertTrue(Trigger.on("AchievementEarned").build().check(e));
        assertFalse(Trigger.onUnlisted("AchievementAdded").build().check(e));
    }

    @Test
    void matchesAnUnknownEventByItsWireName() {
        // A fallback event must still match a trigger named by string.
        UnknownEvent e = Events.unknown("FishCaught", 1, ALICE);
        assertTrue(Trigger.onUnlisted("FishCaught").build().check(e));
        assertTrue(Trigger.onUnlisted("FishCaught").characters(ALICE).build().check(e), "by its character_id field");
        assertFalse(Trigger.onUnlisted("FishCaught").characters(BOB).build().check(e));
        assertFalse(Trigger.onUnlisted("Other").build().check(e));
        assertTrue(Trigger.on(UnknownEvent.class).build().check(e));
    }

    @Test
    void letsASupertypeMatchAllItsSubtypes() {
        Trigger<?> any = Trigger.on(Event.class).build();
        assertTrue(any.check(Events.facility(1)));
        assertTrue(any.check(Events.unknown("Anything", 1, null)));
        Trigger<?> chars = Trigger.on(CharacterEvent.class).build();
        assertTrue(chars.check(Events.death(ALICE, BOB, 1)));
        assertTrue(chars.check(Events.login(ALICE, 1)));
        assertFalse(chars.check(Events.facility(1)));
        assertFalse(chars.check(Events.unknown("Anything", 1, ALICE)));
        assertTrue(Trigger.on(WorldEvent.class).build().check(Events.alert(1)));
    }

    @Test
    void derivesDistinctDefaultNames() {
        Trigger<?> a = Trigger.on(Death.class).build();
        Trigger<?> b = Trigger.on(Death.class).build();
        assertTrue(a.name().startsWith("Death#"), a.name());
        assertNotEquals(a.name(), b.name());
    }

    @Test
    void recordsLastRunWhenTheActionRuns() {
        List<Event> got = new ArrayList<>();
        Trigger<?> t = Trigger.on(Death.class).action(got::add).build();
        assertTrue(t.lastRun().isEmpty());
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        t.run(Events.death(ALICE, BOB, 1));
        Instant after = Instant.now();
        Instant ran = t.lastRun().orElseThrow();
        assertFalse(ran.isBefore(before) || ran.isAfter(after), ran + " not in [" + before + ", " + after + "]");
        assertEquals(1, got.size());
    }

    @Test
    void refusesBadArgumentsNamingTheValue() {
        assertEquals("world id must be positive, was -3",
                assertThrows(IllegalArgumentException.class, () -> Trigger.on(Death.class).worlds(-3)).getMessage());
        assertEquals("character id must be positive, was 0",
                assertThrows(IllegalArgumentException.class, () -> Trigger.on(Death.class).characters(0)).getMessage());
        assertEquals("trigger name must not be blank, was ' '",
                assertThrows(IllegalArgumentException.class, () -> Trigger.on(Death.class).name(" ")).getMessage());
        assertEquals("event name 'all' is not a trigger type: use Trigger.on(Event.class)",
                assertThrows(IllegalArgumentException.class, () -> Trigger.onUnlisted("all")).getMessage());
    }

    @Test
    void aMistypedNameFailsNamingTheClosestKnownName() {
        String m = assertThrows(IllegalArgumentException.class, () -> Trigger.on("Deaht")).getMessage();
        assertTrue(m.startsWith("unknown event name 'Deaht': did you mean Death?"), m);
        assertTrue(m.contains("Trigger.onUnlisted(\"Deaht\")"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Trigger.on("PlayerLogin", "playerlogout")).getMessage();
        assertTrue(m.startsWith("unknown event name 'playerlogout': did you mean PlayerLogout?"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Trigger.on("VehicleDestory")).getMessage();
        assertTrue(m.contains("did you mean VehicleDestroy?"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Trigger.on("Zebra")).getMessage();
        assertTrue(m.startsWith("unknown event name 'Zebra'. Known names: AchievementEarned"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Trigger.on("GainExperience_experience_id_x")).getMessage();
        assertTrue(m.startsWith("bad experience id 'x'"), m);
        assertThrows(IllegalArgumentException.class, () -> Trigger.on("GainExperience_experience_id_-1"));
    }

    @Test
    void knownNamesFilterNamesAndAllRemainValid() {
        assertTrue(Trigger.on("Death").build().check(Death.builder().build()));
        Trigger<Event> xp = Trigger.on("GainExperience_experience_id_7").build();
        assertTrue(xp.check(GainExperience.builder().experienceId(7).build()));
        assertFalse(xp.check(GainExperience.builder().experienceId(8).build()));
        Trigger<Event> all = Trigger.on("all").build();
        assertEquals(java.util.Set.of(Event.class), all.eventTypes());
        assertTrue(all.check(UnknownEvent.builder("NewEvent").build()));
        assertTrue(all.check(PlayerLogin.builder().build()));
    }

    @Test
    void anUnlistedNameIsReachableAndMatchesUnknownEventsOfThatName() {
        Trigger<Event> t = Trigger.onUnlisted("NewEvent").build();
        assertTrue(t.check(UnknownEvent.builder("NewEvent").field("character_id", "1").build()));
        assertFalse(t.check(UnknownEvent.builder("OtherEvent").build()));
        assertEquals(java.util.Set.of("NewEvent"), t.eventNames());
        assertEquals(EventNames.known(), EventNames.known().stream().sorted().toList(), "alphabetical");
    }

    /** Code written before Trigger had its type parameter still compiles (with raw-type warnings) and works. */
    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void codeWithRawTriggersStillCompilesAndRuns() {
        Trigger raw = Trigger.on(Death.class).build();
        List<Trigger> batch = new ArrayList<>(List.of(raw, Trigger.on(PlayerLogin.class).build()));
        try (EventClient client = EventClient.builder().transport(new FakeTransport())
                .endpoint(java.net.URI.create("ws://127.0.0.1:1/streaming")).build()) {
            List<Trigger<?>> added = client.addTriggers(batch);
            assertEquals(2, added.size());
            java.util.concurrent.CompletableFuture<Event> untyped = client.waitFor(java.time.Duration.ofSeconds(5),
                    Trigger.on(Death.class).name("typed").build());
            Death d = Death.builder().build();
            client.dispatch(d);
            assertEquals(d, untyped.join());
            client.removeTrigger(raw);
        }
    }
}
