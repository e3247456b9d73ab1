package dev.auraxium.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A character reached a new battle rank.
 *
 * @param timestamp when it happened
 * @param worldId the world
 * @param battleRank the new battle rank
 * @param characterId the character
 * @param zoneId the zone (see {@link ZoneEvent})
 */
public record BattleRankUp(Instant timestamp, int worldId, int battleRank, long characterId, long zoneId)
        implements CharacterEvent, ZoneEvent {
    /** The wire name. */
    public static final String NAME = "BattleRankUp";

    /**
     * Checks the components: each reference must be non-null, an absent field being an empty
     * {@code Optional}, never {@code null}.
     *
     * @param timestamp when it happened
     * @param worldId the world
     * @param battleRank the new battle rank
     * @param characterId the character
     * @param zoneId the zone (see {@link ZoneEvent})
     * @throws NullPointerException if a component is {@code null}
     */
    public BattleRankUp {
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String eventName() {
        return NAME;
    }
}
