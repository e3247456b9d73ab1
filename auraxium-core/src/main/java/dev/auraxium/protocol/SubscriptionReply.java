package dev.auraxium.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The server's whole current subscription for this connection, sent after every
 * {@link Subscribe} and {@link ClearSubscribe} (an empty subscribe is a probe).
 *
 * <p>Two shapes exist: when the characters include {@code "all"} or the request asked for
 * {@code list_characters}, {@link #characters()} lists them; otherwise only
 * {@link #characterCount()} is sent. Frames from 2016 also lack the logicalAnd flag. A Go client
 * spells the count {@code charactersCount}; the decoder accepts both spellings.
 *
 * @param characters the characters set, when listed
 * @param characterCount the size of the characters set, when only counted
 * @param eventNames the event-name set
 * @param logicalAndCharactersWithWorlds the connection's flag, when sent
 * @param worlds the worlds set
 */
public record SubscriptionReply(Optional<List<String>> characters, OptionalInt characterCount,
        List<String> eventNames, Optional<Boolean> logicalAndCharactersWithWorlds, List<String> worlds)
        implements ServerMessage {
    /**
     * Checks the components: each reference must be non-null. Collections are copied, so the
     * value stays immutable.
     *
     * @param characters the characters set, when listed
     * @param characterCount the size of the characters set, when only counted
     * @param eventNames the event-name set
     * @param logicalAndCharactersWithWorlds the connection's flag, when sent
     * @param worlds the worlds set
     * @throws NullPointerException if a component is {@code null}
     */
    public SubscriptionReply {
        characters = Objects.requireNonNull(characters, "characters").map(List::copyOf);
        Objects.requireNonNull(characterCount, "characterCount");
        eventNames = List.copyOf(eventNames);
        Objects.requireNonNull(logicalAndCharactersWithWorlds, "logicalAndCharactersWithWorlds");
        worlds = List.copyOf(worlds);
    }

    /** @return the number of characters, from the list or the count */
    public int characterTotal() {
        return characters.map(List::size).orElse(characterCount.orElse(0));
    }
}
