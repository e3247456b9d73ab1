package dev.auraxium.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.auraxium.event.Death;
import dev.auraxium.event.Event;
import dev.auraxium.event.GainExperience;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.event.Trigger;
import dev.auraxium.event.UnknownEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TriggerIndexTest {
    static final Instant T = Instant.ofEpochSecond(1_717_171_717L);

    static Death death(long victim, long attacker, int world) {
        return new Death(T, world, attacker, 1, 1, OptionalInt.empty(), 0, 80, victim, 4, Optional.empty(), false,
                OptionalInt.empty(), OptionalInt.empty(), 2);
    }

    @Test
    void findsOnlyTheTriggersThatCanMatchAmongTenThousand() {
        TriggerIndex index = new TriggerIndex();
        long seq = 0;
        for (long c = 1; c <= 10_000; c++) {
            index.add(new Registration(Trigger.on(Death.class).characters(c).build(), ++seq));
        }
        for (int i = 0; i < 10_000; i++) {
            index.add(new Registration(Trigger.on(PlayerLogin.class).build(), ++seq));
        }
        Registration unfiltered = new Registration(Trigger.on(Death.class).build(), ++seq);
        Registration onMiller = new Registration(Trigger.on(Death.class).worlds(10).build(), ++seq);
        index.add(unfiltered);
        index.add(onMiller);

        List<Registration> c = index.candidates(death(42, 77, 10));
        assertEquals(List.of(42L, 77L), c.subList(0, 2).stream().map(r -> r.trigger().characters().iterator().next()).toList(),
                "victim's and attacker's triggers, in registration order");
        assertEquals(List.of(unfiltered, onMiller), c.subList(2, 4));
        assertEquals(4, c.size());
        assertEquals(3, index.candidates(death(42, 77, 13)).size());
    }

    @Test
    void listsATriggerOnceAndForgetsItOnRemoval() {
        TriggerIndex index = new TriggerIndex();
        Registration r = new Registration(Trigger.onAny(Death.class, Event.class).characters(5, 6).build(), 1);
        index.add(r);
        assertEquals(List.of(r), index.candidates(death(5, 6, 1)));
        index.remove(r);
        assertEquals(List.of(), index.candidates(death(5, 6, 1)));
    }

    @Test
    void indexesExperienceFiltersAndUnknownNames() {
        TriggerIndex index = new TriggerIndex();
        Registration xp7 = new Registration(Trigger.onExperience(7).build(), 1);
        Registration unknown = new Registration(Trigger.onUnlisted("FishCaught").build(), 2);
        Registration anyUnknown = new Registration(Trigger.on(UnknownEvent.class).build(), 3);
        index.add(xp7);
        index.add(unknown);
        index.add(anyUnknown);
        assertEquals(List.of(xp7), index.candidates(new GainExperience(T, 1, 1, 5, 7, 1, 0, OptionalInt.empty(), 2)));
        assertEquals(List.of(), index.candidates(new GainExperience(T, 1, 1, 5, 8, 1, 0, OptionalInt.empty(), 2)));
        UnknownEvent fish = new UnknownEvent("FishCaught", T, 1, Map.of());
        assertEquals(List.of(unknown, anyUnknown), index.candidates(fish));
    }

    @Test
    void anExperienceFilterAddedOrRemovedLaterIsSeenByTheNextEvent() {
        TriggerIndex index = new TriggerIndex();
        Registration all = new Registration(Trigger.on(GainExperience.class).build(), 1);
        index.add(all);
        GainExperience seven = new GainExperience(T, 1, 1, 5, 7, 1, 0, OptionalInt.empty(), 2);
        assertEquals(List.of(all), index.candidates(seven));
        Registration xp7 = new Registration(Trigger.onExperience(7).build(), 2);
        index.add(xp7);
        assertEquals(List.of(all, xp7), index.candidates(seven));
        index.remove(xp7);
        assertEquals(List.of(all), index.candidates(seven));
    }
}
