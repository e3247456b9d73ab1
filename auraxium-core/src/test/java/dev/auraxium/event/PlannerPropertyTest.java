package dev.auraxium.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.auraxium.internal.subscription.SubscriptionDiff;
import dev.auraxium.internal.subscription.SubscriptionPlanner;
import dev.auraxium.protocol.ClientCommand;
import dev.auraxium.protocol.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * For many random trigger sets and events: whatever some trigger accepts, the planned subscription
 * selects under the server's model; and the diff commands, applied by the server's merge rules,
 * turn any previous plan into exactly the new one.
 */
class PlannerPropertyTest {
    static final long[] CHARS = {11, 12, 13, 14, 15};
    static final int[] WORLDS = {1, 10, 13, 17, 19, 40};
    static final String[] UNKNOWN = {"FishCaught", "ContinentUnlock"};

    @SuppressWarnings("unchecked")
    static final Class<? extends Event>[] TYPES = new Class[] {Event.class, CharacterEvent.class, WorldEvent.class,
            AttackerEvent.class, ZoneEvent.class, UnknownEvent.class, Death.class, VehicleDestroy.class,
            GainExperience.class, PlayerLogin.class, PlayerLogout.class, FacilityControl.class, MetagameEvent.class,
            ContinentLock.class, AchievementEarned.class, BattleRankUp.class, FishScan.class, ItemAdded.class,
            PlayerFacilityCapture.class, PlayerFacilityDefend.class, SkillAdded.class};
    static final String[] NAMES = {"Death", "PlayerLogin", "FacilityControl", "FishCaught", "ContinentUnlock",
            "GainExperience_experience_id_1", "GainExperience_experience_id_2", "AchievementEarned", "MetagameEvent"};

    static Trigger<?> randomTrigger(Random r) {
        Trigger.Builder<Event> b = r.nextBoolean()
                ? Trigger.onAny(TYPES[r.nextInt(TYPES.length)], TYPES[r.nextInt(TYPES.length)])
                : Trigger.onUnlisted(NAMES[r.nextInt(NAMES.length)], NAMES[r.nextInt(NAMES.length)]);
        if (r.nextInt(3) == 0) {
            b.characters(CHARS[r.nextInt(CHARS.length)]);
        }
        if (r.nextInt(3) == 0) {
            b.worlds(WORLDS[r.nextInt(WORLDS.length)], WORLDS[r.nextInt(WORLDS.length)]);
        }
        return b.build();
    }

    @Test
    void neverUnderDeliversForRandomTriggersAndEvents() {
        Random r = new Random(20240529L);
        int accepted = 0;
        for (int round = 0; round < 3_000; round++) {
            List<Trigger<?>> triggers = new ArrayList<>();
            int n = 1 + r.nextInt(4);
            for (int i = 0; i < n; i++) {
                triggers.add(randomTrigger(r));
            }
            Subscription plan = SubscriptionPlanner.plan(triggers, Environment.PS2);
            for (int e = 0; e < 20; e++) {
                Event event = Events.random(r, CHARS, WORLDS, UNKNOWN);
                for (Trigger<?> t : triggers) {
                    if (t.check(event)) {
                        accepted++;
                        if (!plan.selects(event)) {
                            fail("round " + round + ": " + t + " accepts " + event + " but " + plan + " does not select it");
                        }
                    }
                }
            }
        }
        assertTrue(accepted > 10_000, "the generator must make triggers accept often enough to mean something: " + accepted);
    }

    @Test
    void diffsTurnAnyPlanIntoAnyOther() {
        Random r = new Random(7L);
        for (int round = 0; round < 2_000; round++) {
            List<Trigger<?>> a = new ArrayList<>();
            List<Trigger<?>> b = new ArrayList<>();
            for (int i = r.nextInt(4); i > 0; i--) {
                a.add(randomTrigger(r));
            }
            for (int i = r.nextInt(4); i > 0; i--) {
                b.add(randomTrigger(r));
            }
            Subscription from = SubscriptionPlanner.plan(a, Environment.PS2);
            Subscription to = SubscriptionPlanner.plan(b, Environment.PS2);
            Subscription state = from;
            List<ClientCommand> cmds = SubscriptionDiff.between(from, to);
            assertTrue(cmds.size() <= 2, "at most one subscribe and one clearSubscribe");
            for (ClientCommand c : cmds) {
                state = SubscriptionDiff.apply(state, c);
            }
            assertEquals(to, state, "round " + round);
        }
    }
}
