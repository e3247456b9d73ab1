package dev.auraxium.internal.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.event.CharacterEvent;
import dev.auraxium.event.Death;
import dev.auraxium.event.Environment;
import dev.auraxium.event.Event;
import dev.auraxium.event.FacilityControl;
import dev.auraxium.event.GainExperience;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.event.Trigger;
import dev.auraxium.protocol.ClearSubscribe;
import dev.auraxium.protocol.ClientCommand;
import dev.auraxium.protocol.Subscribe;
import dev.auraxium.protocol.Subscription;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubscriptionPlannerTest {

    @Test
    void subscribesAllEventNamesForEventClass() {
        Subscription s = SubscriptionPlanner.plan(List.of(Trigger.on(Event.class).build()), Environment.PS2);
        assertEquals(Set.of("all"), s.eventNames());
        assertEquals(Set.of("all"), s.characters());
        assertEquals(Set.of("1", "10", "13", "17", "19", "40"), s.worlds());
    }

    @Test
    void subscribesEveryCharacterEventNameForCharacterEventClass() {
        Subscription s = SubscriptionPlanner.plan(List.of(Trigger.on(CharacterEvent.class).build()), Environment.PS2);
        assertEquals(Set.of("AchievementEarned", "BattleRankUp", "Death", "FishScan", "GainExperience", "ItemAdded",
                "PlayerFacilityCapture", "PlayerFacilityDefend", "PlayerLogin", "PlayerLogout", "SkillAdded",
                "VehicleDestroy"), s.eventNames());
        assertEquals(Set.of("all"), s.characters());
        assertFalse(s.logicalAndCharactersWithWorlds());
    }

    @Test
    void expandsWorldsAllToTheEnvironmentForWorldEvents() {
        Subscription s = SubscriptionPlanner.plan(List.of(Trigger.on(FacilityControl.class).build()), Environment.PS2PS4EU);
        assertEquals(Set.of("FacilityControl"), s.eventNames());
        assertEquals(Set.of("2000"), s.worlds());
        assertEquals(Set.of(), s.characters(), "no character event asked for");
    }

    @Test
    void turnsLogicalAndOnOnlyWhenEveryCharacterTriggerHasWorlds() {
        Trigger<?> deathsOnMiller = Trigger.on(Death.class).worlds(10).build();
        Subscription narrow = SubscriptionPlanner.plan(List.of(deathsOnMiller), Environment.PS2);
        assertTrue(narrow.logicalAndCharactersWithWorlds());
        assertEquals(Set.of("all"), narrow.characters());
        assertEquals(Set.of("10"), narrow.worlds());

        Trigger<?> aliceAnywhere = Trigger.on(Death.class).characters(5428011263300000001L).build();
        Subscription wide = SubscriptionPlanner.plan(List.of(deathsOnMiller, aliceAnywhere), Environment.PS2);
        assertFalse(wide.logicalAndCharactersWithWorlds());
        assertEquals(Set.of("all", "5428011263300000001"), wide.characters());
    }

    @Test
    void subscribesExperienceFiltersNotAllExperience() {
        Subscription s = SubscriptionPlanner.plan(List.of(Trigger.onExperience(7).characters(42).build()), Environment.PS2);
        assertEquals(Set.of(GainExperience.filterExperience(7)), s.eventNames());
        assertEquals(Set.of("42"), s.characters());
    }

    @Test
    void selectsLoginsOfAFilteredCharacterByCharacter() {
        Subscription s = SubscriptionPlanner.plan(List.of(Trigger.on(PlayerLogin.class).characters(42).build()), Environment.PS2);
        assertEquals(Set.of("42"), s.characters());
        assertEquals(Set.of(), s.worlds());
    }

    @Test
    void sendsAdditionsThenRemovalsAndNothingWhenEqual() {
        Subscription a = new Subscription(Set.of("Death"), Set.of("1"), Set.of(), false);
        Subscription b = new Subscription(Set.of("Death", "PlayerLogin"), Set.of("2"), Set.of(), false);
        List<ClientCommand> cmds = SubscriptionDiff.between(a, b);
        assertEquals(List.of(
                new Subscribe(Optional.of(List.of("PlayerLogin")), Optional.of(List.of("2")), Optional.empty(),
                        Optional.empty(), Optional.empty()),
                new ClearSubscribe(false, Optional.empty(), Optional.of(List.of("1")), Optional.empty(), Optional.empty())),
                cmds);
        assertEquals(List.of(), SubscriptionDiff.between(b, b));
        assertEquals(List.of(ClearSubscribe.everything()), SubscriptionDiff.between(b, Subscription.EMPTY));
    }
}
