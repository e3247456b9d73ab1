package dev.auraxium.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A character unlocked a skill (certification line step).
 *
 * @param timestamp when it happened
 * @param worldId the world
 * @param characterId the character
 * @param skillId the skill (Census {@code skill})
 * @param zoneId the zone (see {@link ZoneEvent})
 */
public record SkillAdded(Instant timestamp, int worldId, long characterId, int skillId, long zoneId)
        implements CharacterEvent, ZoneEvent {
    /** The wire name. */
    public static final String NAME = "SkillAdded";

    /**
     * Checks the components: each reference must be non-null, an absent field being an empty
     * {@code Optional}, never {@code null}.
     *
     * @param timestamp when it happened
     * @param worldId the world
     * @param characterId the character
     * @param skillId the skill (Census {@code skill})
     * @param zoneId the zone (see {@link ZoneEvent})
     * @throws NullPointerException if a component is {@code null}
     */
    public SkillAdded {
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String eventName() {
        return NAME;
    }
}
