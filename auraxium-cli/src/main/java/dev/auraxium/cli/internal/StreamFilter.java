package dev.auraxium.cli.internal;

import dev.auraxium.event.AttackerEvent;
import dev.auraxium.event.CharacterEvent;
import dev.auraxium.event.Environment;
import dev.auraxium.event.Event;
import dev.auraxium.event.EventNames;
import dev.auraxium.event.GainExperience;
import dev.auraxium.event.UnknownEvent;
import dev.auraxium.event.World;
import dev.auraxium.protocol.Subscribe;
import dev.auraxium.protocol.Subscription;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the user asked to see: event names, worlds and characters, parsed and checked from the
 * command line's comma-separated lists. Immutable.
 *
 * <p>Matching follows {@code Trigger#check}: the name (the wire name, or the
 * {@code GainExperience_experience_id_N} filter of a GainExperience; {@code all} matches every
 * event, unknown kinds too) AND the characters when given ({@code character_id}, or the attacker
 * for Death and VehicleDestroy; world events never match a character filter) AND the worlds when
 * given.
 *
 * @param eventNames the names asked for; empty means all
 * @param worlds the world ids; empty means every world
 * @param characters the character ids; empty means every character
 */
public record StreamFilter(Set<String> eventNames, Set<Integer> worlds, Set<Long> characters) {

    /** Every event name this version knows: the library's own list, the one triggers check against. */
    public static final List<String> KNOWN_EVENTS = EventNames.known();

    /** World names accepted in place of ids (lower case): the library's {@link World} list. */
    public static final Map<String, Integer> WORLD_NAMES;

    static {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (World w : World.values()) {
            m.put(w.displayName().toLowerCase(Locale.ROOT), w.id());
        }
        WORLD_NAMES = Collections.unmodifiableMap(m);
    }

    /** Matches everything. */
    public static final StreamFilter ALL = new StreamFilter(Set.of(), Set.of(), Set.of());

    public StreamFilter {
        eventNames = Collections.unmodifiableSet(new LinkedHashSet<>(eventNames));
        worlds = Collections.unmodifiableSet(new LinkedHashSet<>(worlds));
        characters = Collections.unmodifiableSet(new LinkedHashSet<>(characters));
    }

    /**
     * Parses the three comma-separated lists.
     *
     * @param events event names, {@code all} or null for all
     * @param worlds world ids or names, or null for all
     * @param characters character ids, or null for all
     * @return the filter
     * @throws IllegalArgumentException naming the first bad value
     */
    public static StreamFilter parse(String events, String worlds, String characters) {
        return new StreamFilter(parseEvents(events), parseWorlds(worlds), parseCharacters(characters));
    }

    static Set<String> parseEvents(String list) {
        Set<String> out = new LinkedHashSet<>();
        for (String raw : split(list)) {
            if (raw.equalsIgnoreCase(Subscription.ALL)) {
                return Set.of();
            }
            out.add(canonicalEvent(raw));
        }
        return out;
    }

    private static String canonicalEvent(String raw) {
        for (String known : KNOWN_EVENTS) {
            if (known.equalsIgnoreCase(raw)) {
                return known;
            }
        }
        if (raw.regionMatches(true, 0, GainExperience.FILTER_PREFIX, 0, GainExperience.FILTER_PREFIX.length())) {
            String id = raw.substring(GainExperience.FILTER_PREFIX.length());
            try {
                return GainExperience.filterExperience(Integer.parseInt(id));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad experience id '" + id + "' in event name '" + raw
                        + "': expected GainExperience_experience_id_<N> with N a non-negative number");
            }
        }
        // The rule of Trigger.on (EventNames), with the suggestion, in the command line's words.
        throw new IllegalArgumentException("unknown event name '" + raw + "'"
                + EventNames.closest(raw).map(c -> " (did you mean " + c + "?)").orElse("") + ": expected all, "
                + String.join(", ", KNOWN_EVENTS) + " or GainExperience_experience_id_<N>");
    }

    static Set<Integer> parseWorlds(String list) {
        Set<Integer> out = new LinkedHashSet<>();
        for (String raw : split(list)) {
            if (raw.equalsIgnoreCase(Subscription.ALL)) {
                return Set.of();
            }
            out.add(World.parse(raw));
        }
        return out;
    }

    static Set<Long> parseCharacters(String list) {
        Set<Long> out = new LinkedHashSet<>();
        for (String raw : split(list)) {
            if (raw.equalsIgnoreCase(Subscription.ALL)) {
                return Set.of();
            }
            long id;
            try {
                id = Long.parseLong(raw);
            } catch (NumberFormatException e) {
                id = -1;
            }
            if (id <= 0) {
                throw new IllegalArgumentException("bad character id '" + raw + "': expected a positive number such as 5428011263300000001");
            }
            out.add(id);
        }
        return out;
    }

    private static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (String s : list.split(",")) {
            String t = s.trim();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * What the user should hear about the worlds asked for: ids no world has, worlds of another
     * environment, closed worlds. None of them is an error (a replay or a new world may still
     * carry them), but each would otherwise give a silent stream.
     *
     * @param environment the environment connected to
     * @return one sentence per doubtful world, empty when all are fine
     */
    public List<String> worldWarnings(Environment environment) {
        List<String> out = new ArrayList<>();
        for (int id : worlds) {
            Optional<World> w = World.byId(id);
            if (w.isEmpty()) {
                out.add("world " + id + " is not a world this version knows (" + World.namesForHelp()
                        + "); expect no events from it");
            } else if (w.get().isHistorical()) {
                out.add("world " + w.get() + " is closed; the live service sends no events for it");
            } else if (w.get().environment() != environment) {
                out.add("world " + w.get() + " belongs to environment " + w.get().environment().wireName() + ", not "
                        + environment.wireName() + "; no events from it arrive here (try --environment "
                        + w.get().environment().wireName() + ")");
            }
        }
        return out;
    }

    /** @return true when every event name is accepted */
    public boolean allEvents() {
        return eventNames.isEmpty();
    }

    /**
     * @param event an event
     * @return whether the user asked for it (see the type's rules)
     */
    public boolean matches(Event event) {
        if (!eventNames.isEmpty() && !eventNames.contains(event.eventName())
                && !(event instanceof GainExperience g && eventNames.contains(g.filterName()))) {
            return false;
        }
        if (!characters.isEmpty() && !matchesCharacter(event)) {
            return false;
        }
        return worlds.isEmpty() || worlds.contains(event.worldId());
    }

    private boolean matchesCharacter(Event event) {
        if (event instanceof AttackerEvent a && characters.contains(a.attackerCharacterId())) {
            return true;
        }
        if (event instanceof CharacterEvent c) {
            return characters.contains(c.characterId());
        }
        if (event instanceof UnknownEvent u) {
            Optional<Long> id = u.characterId();
            return id.isPresent() && characters.contains(id.get());
        }
        return false;
    }

    /**
     * The subscription that makes the server send at least what this filter accepts (the client
     * drops the surplus). World lists name the environment's worlds explicitly as well as
     * {@code all}, because the live service does not reliably honour {@code all} for world events.
     *
     * @param environment the environment connected to
     * @return the subscribe command
     */
    public Subscribe subscribe(Environment environment) {
        List<String> names = eventNames.isEmpty() ? List.of(Subscription.ALL) : List.copyOf(eventNames);
        List<String> chars = characters.isEmpty() ? List.of(Subscription.ALL)
                : characters.stream().map(String::valueOf).toList();
        List<String> w = new ArrayList<>();
        if (worlds.isEmpty()) {
            w.add(Subscription.ALL);
            environment.worlds().forEach(id -> w.add(Integer.toString(id)));
        } else {
            worlds.forEach(id -> w.add(Integer.toString(id)));
        }
        // With characters given, world events must still arrive when worlds are given; with both
        // given, character events must be limited to those worlds: the AND flag does exactly that.
        boolean and = !worlds.isEmpty();
        return new Subscribe(Optional.of(names), Optional.of(chars), Optional.of(w), Optional.of(and), Optional.empty());
    }

    /** @return a short description for the status line, e.g. {@code events=Death worlds=10} */
    public String describe() {
        return "events=" + (eventNames.isEmpty() ? "all" : String.join(",", eventNames))
                + " worlds=" + (worlds.isEmpty() ? "all" : join(worlds))
                + " characters=" + (characters.isEmpty() ? "all" : join(characters));
    }

    private static String join(Set<?> s) {
        StringBuilder b = new StringBuilder();
        for (Object o : s) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(o);
        }
        return b.toString();
    }
}
