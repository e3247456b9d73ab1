package dev.auraxium.internal.subscription;

import dev.auraxium.event.Environment;
import dev.auraxium.event.Trigger;
import dev.auraxium.protocol.Subscription;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Derives the one subscription a connection needs from all registered triggers.
 *
 * <p>The rule is: never under-deliver under the server's matching model
 * ({@link Subscription#selects}); the client's own {@link Trigger#check} removes the surplus.
 * Within that rule, deliver as little as the single per-connection flag allows:
 * <ul>
 *   <li>eventNames: every name the triggers cover ({@code "all"} for {@code Event.class} and
 *       {@code UnknownEvent.class});</li>
 *   <li>character-selected names: the trigger's characters, or {@code "all"} when it has no
 *       character filter (an omitted {@code characters} means none on the server);</li>
 *   <li>world-selected names: the trigger's worlds, or the environment's world list when it has
 *       none ({@code worlds:["all"]} is unreliable for world events on the live service). Events
 *       of worlds outside the environment cannot arrive on that environment's connection;</li>
 *   <li>PlayerLogin/PlayerLogout (world OR character): the trigger's characters when it has some,
 *       else its worlds, else the environment's worlds;</li>
 *   <li>logicalAndCharactersWithWorlds is true only when every trigger needing character-selected
 *       events has a world filter; then those worlds are added too, and the server drops other
 *       worlds' character events. Otherwise it is false and worlds do not narrow character events.
 *       Under either reading of the flag's "false" (NSS: worlds ignored; spec: character OR world)
 *       this never delivers less than needed.</li>
 * </ul>
 * Output sets are sorted (names alphabetically, ids numerically, {@code "all"} first) so that
 * equal trigger sets give equal messages.
 */
public final class SubscriptionPlanner {
    private static final Comparator<String> IDS = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        }
        if (a.equals(Subscription.ALL)) {
            return -1;
        }
        if (b.equals(Subscription.ALL)) {
            return 1;
        }
        int c = Integer.compare(a.length(), b.length());
        return c != 0 ? c : a.compareTo(b);
    };

    private SubscriptionPlanner() {
    }

    /**
     * @param triggers the registered triggers
     * @param environment the connection's environment (its world list replaces "all worlds")
     * @return the subscription, {@link Subscription#EMPTY} when there are no triggers
     */
    public static Subscription plan(Collection<? extends Trigger<?>> triggers, Environment environment) {
        if (triggers.isEmpty()) {
            return Subscription.EMPTY;
        }
        Set<String> envWorlds = new LinkedHashSet<>();
        environment.worlds().forEach(w -> envWorlds.add(Integer.toString(w)));

        boolean anyCharacterNeed = false;
        boolean allCharacterNeedsHaveWorlds = true;
        for (Trigger<?> t : triggers) {
            if (needs(t).character) {
                anyCharacterNeed = true;
                allCharacterNeedsHaveWorlds &= !t.worlds().isEmpty();
            }
        }
        boolean logicalAnd = anyCharacterNeed && allCharacterNeedsHaveWorlds;

        Set<String> names = new TreeSet<>();
        Set<String> characters = new TreeSet<>(IDS);
        Set<String> worlds = new TreeSet<>(IDS);
        for (Trigger<?> t : triggers) {
            Needs n = needs(t);
            names.addAll(n.names);
            Set<String> own = strings(t.worlds());
            if (n.character) {
                if (t.characters().isEmpty()) {
                    characters.add(Subscription.ALL);
                } else {
                    t.characters().forEach(c -> characters.add(Long.toString(c)));
                }
                if (logicalAnd) {
                    worlds.addAll(own);
                }
            }
            if (n.world) {
                worlds.addAll(own.isEmpty() ? envWorlds : own);
            }
            if (n.either && !n.character && !n.world) {
                if (!t.characters().isEmpty()) {
                    t.characters().forEach(c -> characters.add(Long.toString(c)));
                } else {
                    worlds.addAll(own.isEmpty() ? envWorlds : own);
                }
            }
        }
        return new Subscription(names, characters, worlds, logicalAnd);
    }

    private static Set<String> strings(Set<Integer> ids) {
        Set<String> out = new LinkedHashSet<>();
        ids.forEach(i -> out.add(Integer.toString(i)));
        return out;
    }

    private record Needs(Set<String> names, boolean character, boolean world, boolean either) {
    }

    private static Needs needs(Trigger<?> t) {
        Set<String> names = new LinkedHashSet<>();
        t.eventTypes().forEach(c -> names.addAll(EventCatalog.namesCovered(c)));
        names.addAll(t.eventNames());
        if (names.contains(Subscription.ALL)) {
            return new Needs(Set.of(Subscription.ALL), true, true, true);
        }
        boolean character = false;
        boolean world = false;
        boolean either = false;
        for (String name : names) {
            switch (EventCatalog.centric(name)) {
                case CHARACTER -> character = true;
                case WORLD -> world = true;
                case EITHER -> either = true;
                case UNKNOWN -> {
                    character = true;
                    world = true;
                }
            }
        }
        return new Needs(names, character, world, either);
    }
}
