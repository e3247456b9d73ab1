package dev.auraxium.protocol;

import dev.auraxium.event.AttackerEvent;
import dev.auraxium.event.CharacterEvent;
import dev.auraxium.event.Event;
import dev.auraxium.event.GainExperience;
import dev.auraxium.event.PlayerLogin;
import dev.auraxium.event.PlayerLogout;
import dev.auraxium.event.UnknownEvent;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A subscription's state as the server keeps it per connection: three string sets and one flag.
 * {@code "all"} is a wildcard element of each set. Used by the client's planner (what it wants) and
 * by the fake server (what a connection has).
 *
 * @param eventNames event names, {@code GainExperience_experience_id_<N>} filters, or {@code "all"}
 * @param characters character ids as decimal strings, or {@code "all"}
 * @param worlds world ids as decimal strings, or {@code "all"}
 * @param logicalAndCharactersWithWorlds the per-connection flag
 */
public record Subscription(Set<String> eventNames, Set<String> characters, Set<String> worlds,
        boolean logicalAndCharactersWithWorlds) {
    /** The wildcard element. */
    public static final String ALL = "all";
    /** The empty subscription a new connection starts with. */
    public static final Subscription EMPTY = new Subscription(Set.of(), Set.of(), Set.of(), false);

    /**
     * Checks the components: each reference must be non-null.
     *
     * @param eventNames event names, {@code GainExperience_experience_id_<N>} filters, or {@code "all"}
     * @param characters character ids as decimal strings, or {@code "all"}
     * @param worlds world ids as decimal strings, or {@code "all"}
     * @param logicalAndCharactersWithWorlds the per-connection flag
     * @throws NullPointerException if a component is {@code null}
     */
    public Subscription {
        eventNames = copy(eventNames, "eventNames");
        characters = copy(characters, "characters");
        worlds = copy(worlds, "worlds");
    }

    private static Set<String> copy(Set<String> in, String what) {
        Objects.requireNonNull(in, what);
        for (String s : in) {
            Objects.requireNonNull(s, () -> what + " must not contain null");
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(in));
    }

    /** @return true when all three sets are empty */
    public boolean isEmpty() {
        return eventNames.isEmpty() && characters.isEmpty() && worlds.isEmpty();
    }

    /**
     * Whether a connection with this subscription receives {@code event}, by the server's matching
     * rules as this library models them (see
     * <a href="doc-files/ess-protocol.html#which-events-a-connection-receives">which events a
     * connection receives</a>):
     * <ul>
     *   <li>the event's name, {@code "all"}, or for GainExperience its
     *       {@code GainExperience_experience_id_<N>} filter, must be in {@link #eventNames()};</li>
     *   <li>world events (ContinentLock, FacilityControl, MetagameEvent): world in worlds;</li>
     *   <li>PlayerLogin, PlayerLogout: world in worlds <em>or</em> character in characters;</li>
     *   <li>Death, VehicleDestroy: victim or attacker in characters, and world in worlds only when
     *       the logicalAnd flag is set;</li>
     *   <li>other character events (GainExperience by {@code character_id} only, never
     *       {@code other_id}): character in characters, and world in worlds only when the flag is
     *       set;</li>
     *   <li>an {@link UnknownEvent} with a numeric {@code character_id} is taken as a character
     *       event, otherwise as a world event.</li>
     * </ul>
     * {@code "all"} in a set matches any value.
     *
     * @param event an event
     * @return true when the server delivers it on this connection
     */
    public boolean selects(Event event) {
        if (!selectsName(event)) {
            return false;
        }
        boolean worldOk = worlds.contains(ALL) || worlds.contains(Integer.toString(event.worldId()));
        if (event instanceof PlayerLogin || event instanceof PlayerLogout) {
            return worldOk || containsId(characters, ((CharacterEvent) event).characterId());
        }
        if (event instanceof AttackerEvent a) {
            boolean charOk = containsId(characters, a.characterId())
                    || containsId(characters, a.attackerCharacterId());
            return charOk && (!logicalAndCharactersWithWorlds || worldOk);
        }
        if (event instanceof CharacterEvent c) {
            return containsId(characters, c.characterId())
                    && (!logicalAndCharactersWithWorlds || worldOk);
        }
        if (event instanceof UnknownEvent u && u.characterId().isPresent()) {
            return containsId(characters, u.characterId().get())
                    && (!logicalAndCharactersWithWorlds || worldOk);
        }
        return worldOk;
    }

    private boolean selectsName(Event event) {
        if (eventNames.contains(ALL) || eventNames.contains(event.eventName())) {
            return true;
        }
        return event instanceof GainExperience g && eventNames.contains(g.filterName());
    }

    /** The id's text is only made when the set is not "all" (the server's test for each event). */
    private static boolean containsId(Set<String> set, long id) {
        return set.contains(ALL) || set.contains(Long.toString(id));
    }
}
