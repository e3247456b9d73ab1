package dev.auraxium.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code clearSubscribe}: removes exactly the given strings from the connection's sets (removing an
 * id does not touch an {@code "all"} entry, and the other way round), or with {@code all} empties
 * every set and resets the logicalAnd flag to false.
 *
 * @param all whether to clear everything ({@code "all":"true"} on the wire)
 * @param eventNames event names to remove
 * @param characters character ids to remove
 * @param worlds world ids to remove
 * @param logicalAndCharactersWithWorlds the new flag, or empty to keep it
 */
public record ClearSubscribe(boolean all, Optional<List<String>> eventNames, Optional<List<String>> characters,
        Optional<List<String>> worlds, Optional<Boolean> logicalAndCharactersWithWorlds) implements ClientCommand {
    /** The wire action. */
    public static final String ACTION = "clearSubscribe";

    /**
     * Checks the components: each reference must be non-null. Collections are copied, so the
     * value stays immutable.
     *
     * @param all whether to clear everything ({@code "all":"true"} on the wire)
     * @param eventNames event names to remove
     * @param characters character ids to remove
     * @param worlds world ids to remove
     * @param logicalAndCharactersWithWorlds the new flag, or empty to keep it
     * @throws NullPointerException if a component is {@code null}
     */
    public ClearSubscribe {
        eventNames = Objects.requireNonNull(eventNames, "eventNames").map(List::copyOf);
        characters = Objects.requireNonNull(characters, "characters").map(List::copyOf);
        worlds = Objects.requireNonNull(worlds, "worlds").map(List::copyOf);
        Objects.requireNonNull(logicalAndCharactersWithWorlds, "logicalAndCharactersWithWorlds");
    }

    /** @return {@code clearSubscribe} with {@code "all":"true"} */
    public static ClearSubscribe everything() {
        return new ClearSubscribe(true, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public String action() {
        return ACTION;
    }
}
