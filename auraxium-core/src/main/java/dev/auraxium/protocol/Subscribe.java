package dev.auraxium.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code subscribe}: adds to the connection's subscription. Each list given is unioned into the
 * server's set; an omitted list leaves its set unchanged (an omitted {@code characters} is
 * <em>not</em> "all"); a given flag replaces the connection's single logicalAnd flag. An empty
 * subscribe changes nothing and returns the current subscription (a probe). IDs are strings on the
 * wire; {@code "all"} is a wildcard in every list.
 *
 * @param eventNames event names to add, or empty to leave the set unchanged
 * @param characters character ids to add
 * @param worlds world ids to add
 * @param logicalAndCharactersWithWorlds the new flag, or empty to keep it
 * @param listCharacters whether the reply should list characters instead of counting them
 */
public record Subscribe(Optional<List<String>> eventNames, Optional<List<String>> characters,
        Optional<List<String>> worlds, Optional<Boolean> logicalAndCharactersWithWorlds,
        Optional<Boolean> listCharacters) implements ClientCommand {
    /** The wire action. */
    public static final String ACTION = "subscribe";

    /**
     * Checks the components: each reference must be non-null. Collections are copied, so the
     * value stays immutable.
     *
     * @param eventNames event names to add, or empty to leave the set unchanged
     * @param characters character ids to add
     * @param worlds world ids to add
     * @param logicalAndCharactersWithWorlds the new flag, or empty to keep it
     * @param listCharacters whether the reply should list characters instead of counting them
     * @throws NullPointerException if a component is {@code null}
     */
    public Subscribe {
        eventNames = Objects.requireNonNull(eventNames, "eventNames").map(List::copyOf);
        characters = Objects.requireNonNull(characters, "characters").map(List::copyOf);
        worlds = Objects.requireNonNull(worlds, "worlds").map(List::copyOf);
        Objects.requireNonNull(logicalAndCharactersWithWorlds, "logicalAndCharactersWithWorlds");
        Objects.requireNonNull(listCharacters, "listCharacters");
    }

    /** @return the empty subscribe, used as a probe of the server's current subscription */
    public static Subscribe probe() {
        return new Subscribe(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** @return true when this subscribe adds nothing and keeps the flag: a probe */
    public boolean isProbe() {
        return eventNames.isEmpty() && characters.isEmpty() && worlds.isEmpty()
                && logicalAndCharactersWithWorlds.isEmpty();
    }

    @Override
    public String action() {
        return ACTION;
    }
}
