package dev.auraxium.internal.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.auraxium.event.AchievementEarned;
import dev.auraxium.event.ContinentLock;
import dev.auraxium.event.Death;
import dev.auraxium.event.Environment;
import dev.auraxium.event.Event;
import dev.auraxium.event.FacilityControl;
import dev.auraxium.event.GainExperience;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.event.PlayerLogout;
import dev.auraxium.event.Trigger;
import dev.auraxium.event.UnknownEvent;
import dev.auraxium.event.VehicleDestroy;
import dev.auraxium.protocol.ClearSubscribe;
import dev.auraxium.protocol.ClientCommand;
import dev.auraxium.protocol.Subscribe;
import dev.auraxium.protocol.Subscription;
import dev.auraxium.protocol.SubscriptionReply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class SubscriptionDiffTest {
    static final String ALICE = "5428011263300000001";
    static final String BOB = "5428011263300000002";

    static Subscription sub(Set<String> names, Set<String> characters, Set<String> worlds, boolean and) {
        return new Subscription(names, characters, worlds, and);
    }

    /** A reply that lists the characters. */
    static SubscriptionReply listed(List<String> names, List<String> characters, List<String> worlds, Boolean and) {
        return new SubscriptionReply(Optional.of(characters), OptionalInt.empty(), names, Optional.ofNullable(and), worlds);
    }

    /** A reply that only counts the characters. */
    static SubscriptionReply counted(List<String> names, int characters, List<String> worlds, Boolean and) {
        return new SubscriptionReply(Optional.empty(), OptionalInt.of(characters), names, Optional.ofNullable(and), worlds);
    }

    // ------------------------------------------------------------ agreement

    @Test
    void aCharacterSetHoldingAllAgreesWithTheServersBareAll() {
        // the mixed trigger set: every Death, and one character's logins
        Subscription plan = SubscriptionPlanner.plan(List.of(Trigger.on(Death.class).build(),
                Trigger.on(PlayerLogin.class).characters(Long.parseLong(ALICE)).build()), Environment.PS2);
        assertEquals(Set.of("all", ALICE), plan.characters());
        // how a server that renders any set holding "all" as just "all" answers
        SubscriptionReply reply = listed(List.of("Death", "PlayerLogin"), List.of("all"), List.copyOf(plan.worlds()),
                plan.logicalAndCharactersWithWorlds());
        assertEquals(List.of(), SubscriptionDiff.differences(plan, reply));
        assertTrue(SubscriptionDiff.agrees(plan, reply));
    }

    @Test
    void orderNeverMatters() {
        Subscription plan = sub(Set.of("Death", "PlayerLogin"), Set.of(ALICE, BOB), Set.of("1", "10", "13", "17"), true);
        // a server that reorders every list
        SubscriptionReply reply = listed(List.of("PlayerLogin", "Death"), List.of(BOB, ALICE),
                List.of("17", "1", "13", "10"), true);
        assertTrue(SubscriptionDiff.agrees(plan, reply));
    }

    @Test
    void allInEventNamesOrWorldsAgreesWithAnySetHoldingAll() {
        Subscription plan = sub(Set.of("all", "Death"), Set.of("all"), Set.of("all", "10"), false);
        assertTrue(SubscriptionDiff.agrees(plan, listed(List.of("all"), List.of("all"), List.of("10", "all"), false)));
        assertTrue(SubscriptionDiff.agrees(plan, listed(List.of("Death", "all"), List.of("all"), List.of("all"), false)));
    }

    @Test
    void aSetWithoutAllNeverAgreesWithOneHoldingAll() {
        Subscription plan = sub(Set.of("Death"), Set.of("all"), Set.of("10"), false);
        assertEquals(List.of("characters expected [all] but the server has [" + ALICE + "]"),
                SubscriptionDiff.differences(plan, listed(List.of("Death"), List.of(ALICE), List.of("10"), false)));
        Subscription narrow = sub(Set.of("Death"), Set.of(ALICE), Set.of("10"), false);
        assertEquals(List.of("characters expected [" + ALICE + "] but the server has [" + ALICE + ", all]"),
                SubscriptionDiff.differences(narrow, listed(List.of("Death"), List.of("all", ALICE), List.of("10"), false)));
    }

    @Test
    void aCountOnlyReplyIsComparedByCount() {
        Subscription plan = sub(Set.of("Death"), Set.of(ALICE, BOB), Set.of("all"), false);
        assertTrue(SubscriptionDiff.agrees(plan, counted(List.of("Death"), 2, List.of("all"), false)));
        assertEquals(List.of("characters expected 2 entries [" + ALICE + ", " + BOB + "] but the server counts 1"),
                SubscriptionDiff.differences(plan, counted(List.of("Death"), 1, List.of("all"), false)));
    }

    @Test
    void aCountOnlyReplyToASetHoldingAllAgreesOnlyWhenItCountsEveryStringSent() {
        Subscription plan = sub(Set.of("Death"), Set.of("all", ALICE), Set.of("all"), false);
        assertTrue(SubscriptionDiff.agrees(plan, counted(List.of("Death"), 2, List.of("all"), false)));
        assertFalse(SubscriptionDiff.agrees(plan, counted(List.of("Death"), 1, List.of("all"), false)));
    }

    @Test
    void aReplyWithoutTheFlagIsNotCheckedForIt() {
        Subscription plan = sub(Set.of("Death"), Set.of(ALICE), Set.of("10"), true);
        assertTrue(SubscriptionDiff.agrees(plan, counted(List.of("Death"), 1, List.of("10"), null)));
    }

    @Test
    void theFlagIsDriftOnlyWhenItChangesWhatIsDelivered() {
        // Deaths of a character on two worlds: the flag decides whether other worlds' deaths come
        Subscription deaths = sub(Set.of("Death"), Set.of(ALICE), Set.of("1", "10"), true);
        assertEquals(List.of("logicalAndCharactersWithWorlds expected true but the server has false"),
                SubscriptionDiff.differences(deaths, counted(List.of("Death"), 1, List.of("1", "10"), false)));
        // worlds holding "all": every world passes either way
        Subscription anyWorld = sub(Set.of("Death"), Set.of(ALICE), Set.of("all"), true);
        assertTrue(SubscriptionDiff.agrees(anyWorld, counted(List.of("Death"), 1, List.of("all"), false)));
        // no event matched by character: world events and logins ignore the flag
        Subscription worldOnly = sub(Set.of("FacilityControl", "MetagameEvent", "PlayerLogin", "PlayerLogout"),
                Set.of(ALICE), Set.of("10"), false);
        assertTrue(SubscriptionDiff.agrees(worldOnly, counted(List.copyOf(worldOnly.eventNames()), 1, List.of("10"), true)));
        // no characters: nothing is matched by character
        Subscription noCharacters = sub(Set.of("Death", "FacilityControl"), Set.of(), Set.of("10"), false);
        assertTrue(SubscriptionDiff.agrees(noCharacters, counted(List.of("Death", "FacilityControl"), 0, List.of("10"), true)));
        // an empty worlds set does matter: with the flag, no Death at all
        Subscription noWorlds = sub(Set.of("Death"), Set.of(ALICE), Set.of(), false);
        assertFalse(SubscriptionDiff.agrees(noWorlds, counted(List.of("Death"), 1, List.of(), true)));
        // "all" event names and unknown names may be matched by character
        assertFalse(SubscriptionDiff.agrees(sub(Set.of("all"), Set.of(ALICE), Set.of("10"), false),
                counted(List.of("all"), 1, List.of("10"), true)));
        assertFalse(SubscriptionDiff.agrees(sub(Set.of("FutureEvent"), Set.of(ALICE), Set.of("10"), false),
                counted(List.of("FutureEvent"), 1, List.of("10"), true)));
        assertFalse(SubscriptionDiff.agrees(sub(Set.of("GainExperience_experience_id_4"), Set.of(ALICE), Set.of("10"), false),
                counted(List.of("GainExperience_experience_id_4"), 1, List.of("10"), true)));
    }

    /**
     * The flag rule written down in {@link SubscriptionDiff#flagMatters} against the matching
     * rules themselves: for random subscriptions, the flag matters exactly when some event is
     * selected with it and not without it (or the other way round).
     */
    @Test
    void theFlagRuleAgreesWithTheMatchingRules() {
        String[] namePool = {"all", "Death", "VehicleDestroy", "GainExperience", "GainExperience_experience_id_4",
            "AchievementEarned", "PlayerLogin", "PlayerLogout", "FacilityControl", "ContinentLock", "FutureEvent"};
        String[] charPool = {"all", ALICE, BOB};
        String[] worldPool = {"all", "1", "10"};
        List<Event> universe = universe();
        Random r = new Random(7);
        int matters = 0;
        for (int i = 0; i < 5_000; i++) {
            Subscription s = sub(pick(r, namePool), pick(r, charPool), pick(r, worldPool), r.nextBoolean());
            Subscription flipped = sub(s.eventNames(), s.characters(), s.worlds(), !s.logicalAndCharactersWithWorlds());
            boolean differs = false;
            for (Event e : universe) {
                differs |= s.selects(e) != flipped.selects(e);
            }
            assertEquals(differs, SubscriptionDiff.flagMatters(s), s.toString());
            matters += differs ? 1 : 0;
        }
        assertTrue(matters > 100 && matters < 4_900, "both outcomes are exercised: " + matters);
    }

    private static Set<String> pick(Random r, String[] pool) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : pool) {
            if (r.nextInt(3) == 0) {
                out.add(s);
            }
        }
        return out;
    }

    /** Every kind of event, for three characters (one never subscribed) on three worlds. */
    private static List<Event> universe() {
        Instant t = Instant.ofEpochSecond(1_717_171_717L);
        long[] chars = {Long.parseLong(ALICE), Long.parseLong(BOB), 5428011263300000003L};
        List<Event> out = new ArrayList<>();
        for (int w : new int[] {1, 10, 17}) {
            out.add(new FacilityControl(t, w, 100, 1234, 1, 2, java.util.OptionalLong.empty(), 2));
            out.add(new ContinentLock(t, w, OptionalInt.empty(), 0, 30, 1, 30, 2, 40, 2));
            for (long c : chars) {
                out.add(new Death(t, w, chars[2], 1, 1, OptionalInt.of(1), 0, 80, c, 4, Optional.of(false), false,
                        OptionalInt.of(2), OptionalInt.empty(), 2));
                out.add(new VehicleDestroy(t, w, c, 1, OptionalInt.of(1), 0, 80, chars[2], 0, 2, OptionalInt.of(2), 4, 2));
                out.add(new GainExperience(t, w, 10, c, 4, 1, 0, OptionalInt.of(1), 2));
                out.add(new GainExperience(t, w, 10, c, 7, 1, 0, OptionalInt.of(1), 2));
                out.add(new AchievementEarned(t, w, 90001, c, 2));
                out.add(new PlayerLogin(t, w, c));
                out.add(new PlayerLogout(t, w, c));
                out.add(new UnknownEvent("FutureEvent", t, w, Map.of("event_name", "FutureEvent",
                        "character_id", Long.toString(c), "world_id", Integer.toString(w), "timestamp", "1717171717")));
            }
        }
        return out;
    }

    // ------------------------------------------------------------ messages

    @Test
    void aDriftNamesEachPartThatDiffersWithBothValues() {
        Subscription plan = sub(Set.of("Death"), Set.of(ALICE), Set.of("10", "1"), true);
        SubscriptionReply reply = counted(List.of("Death"), 1, List.of("1"), false);
        assertEquals("worlds expected [1, 10] but the server has [1]; "
                + "logicalAndCharactersWithWorlds expected true but the server has false",
                String.join("; ", SubscriptionDiff.differences(plan, reply)));
    }

    @Test
    void aLargeSetIsDescribedByWhatIsMissingAndWhatWasNotAskedFor() {
        Set<String> many = new LinkedHashSet<>();
        for (int i = 0; i < 20; i++) {
            many.add(Long.toString(5428011263300000100L + i));
        }
        Subscription plan = sub(Set.of("Death"), many, Set.of("all"), false);
        List<String> got = new ArrayList<>(many);
        got.remove("5428011263300000105");
        got.add("5428011263300000999");
        assertEquals(List.of("characters expected 20 entries but the server has 20; missing [5428011263300000105]; "
                + "not asked for [5428011263300000999]"),
                SubscriptionDiff.differences(plan, listed(List.of("Death"), got, List.of("all"), false)));
    }

    // ------------------------------------------------------------ commands

    @Test
    void addsFirstThenRemoves() {
        Subscription server = sub(Set.of("Death"), Set.of(ALICE), Set.of("10"), false);
        Subscription wanted = sub(Set.of("Death", "PlayerLogin"), Set.of(BOB), Set.of("10"), true);
        List<ClientCommand> cmds = SubscriptionDiff.between(server, wanted);
        assertEquals(2, cmds.size());
        Subscribe add = assertInstanceOf(Subscribe.class, cmds.get(0));
        assertEquals(Optional.of(List.of("PlayerLogin")), add.eventNames());
        assertEquals(Optional.of(List.of(BOB)), add.characters());
        assertEquals(Optional.empty(), add.worlds());
        assertEquals(Optional.of(true), add.logicalAndCharactersWithWorlds());
        ClearSubscribe del = assertInstanceOf(ClearSubscribe.class, cmds.get(1));
        assertFalse(del.all());
        assertEquals(Optional.of(List.of(ALICE)), del.characters());
    }

    @Test
    void equalSubscriptionsNeedNoCommandAndAnEmptyPlanClearsAll() {
        Subscription s = sub(Set.of("Death"), Set.of(ALICE), Set.of("10"), true);
        assertEquals(List.of(), SubscriptionDiff.between(s, s));
        assertEquals(List.of(ClearSubscribe.everything()), SubscriptionDiff.between(s, Subscription.EMPTY));
        assertEquals(List.of(), SubscriptionDiff.between(Subscription.EMPTY, Subscription.EMPTY));
    }

    /** Runs {@code check} on 2,000 random pairs of what the server holds and what is wanted. */
    private static void forRandomPairs(long seed, BiConsumer<Subscription, Subscription> check) {
        String[] namePool = {"all", "Death", "PlayerLogin", "FacilityControl", "GainExperience_experience_id_4"};
        String[] charPool = {"all", ALICE, BOB};
        String[] worldPool = {"all", "1", "10", "13"};
        Random r = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            Subscription server = sub(pick(r, namePool), pick(r, charPool), pick(r, worldPool), r.nextBoolean());
            Subscription wanted = sub(pick(r, namePool), pick(r, charPool), pick(r, worldPool), r.nextBoolean());
            check.accept(server, wanted);
        }
    }

    @Test
    void theCommandsLeaveTheServerHoldingTheWantedSubscription() {
        forRandomPairs(11, (server, wanted) -> {
            Subscription after = server;
            for (ClientCommand c : SubscriptionDiff.between(server, wanted)) {
                after = SubscriptionDiff.apply(after, c);
            }
            assertEquals(wanted.eventNames(), after.eventNames());
            assertEquals(wanted.characters(), after.characters());
            assertEquals(wanted.worlds(), after.worlds());
            if (!wanted.isEmpty()) {
                assertEquals(wanted.logicalAndCharactersWithWorlds(), after.logicalAndCharactersWithWorlds());
            }
        });
    }

    @Test
    void whileAChangeIsInFlightTheServerHoldsEverythingTheOldAndTheNewPlanNeed() {
        forRandomPairs(12, (server, wanted) -> {
            List<ClientCommand> cmds = SubscriptionDiff.between(server, wanted);
            if (wanted.isEmpty() || cmds.size() < 2) {
                return;
            }
            Subscription between = SubscriptionDiff.apply(server, cmds.get(0));
            for (Subscription needed : List.of(server, wanted)) {
                assertTrue(between.eventNames().containsAll(needed.eventNames())
                        && between.characters().containsAll(needed.characters())
                        && between.worlds().containsAll(needed.worlds()),
                        () -> "from " + server + " to " + wanted + " the server held only " + between);
            }
        });
    }

    @Test
    void aChangedFlagAloneIsOneSubscribeCarryingOnlyTheFlag() {
        Subscription server = sub(Set.of("Death"), Set.of(ALICE), Set.of("10"), false);
        Subscription wanted = sub(Set.of("Death"), Set.of(ALICE), Set.of("10"), true);
        assertEquals(List.of(new Subscribe(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(true),
                Optional.empty())), SubscriptionDiff.between(server, wanted));
        // a server holding nothing but the flag is cleared when nothing is wanted
        assertEquals(List.of(ClearSubscribe.everything()),
                SubscriptionDiff.between(sub(Set.of(), Set.of(), Set.of(), true), Subscription.EMPTY));
    }

    @Test
    void applyFollowsTheServersMergeRules() {
        Subscription s = SubscriptionDiff.apply(Subscription.EMPTY,
                new Subscribe(Optional.of(List.of("Death")), Optional.of(List.of("all", ALICE)), Optional.empty(),
                        Optional.of(true), Optional.empty()));
        assertEquals(sub(Set.of("Death"), Set.of("all", ALICE), Set.of(), true), s);
        // removing an id leaves "all" alone; an absent flag keeps its value
        Subscription after = SubscriptionDiff.apply(s, new ClearSubscribe(false, Optional.empty(),
                Optional.of(List.of(ALICE)), Optional.empty(), Optional.empty()));
        assertEquals(sub(Set.of("Death"), Set.of("all"), Set.of(), true), after);
        assertEquals(Subscription.EMPTY, SubscriptionDiff.apply(after, ClearSubscribe.everything()));
        assertEquals(after, SubscriptionDiff.apply(after, Subscribe.probe()));
    }
}
