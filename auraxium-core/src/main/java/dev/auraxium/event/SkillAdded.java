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

    /**
     * Starts a {@code SkillAdded} with plausible values, for tests and for
     * {@link dev.auraxium.client.EventClient#dispatch(Event)}; see {@link Builder} for the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link SkillAdded}. Not thread-safe; each setter checks its argument and names a bad value.
     * By default it describes this: character 5428010618015189713 unlocked skill 1 on Indar; on world 17
     * (Emerald), at the current time.
     *
     * <p><b>Timestamps are whole seconds</b>, as the wire carries them: the default is the time of
     * {@link #build()} and {@link #timestamp(Instant)} drops any fraction of a second, so a built
     * event equals its copy decoded after a trip through a server.
     */
    public static final class Builder extends CharacterZoneEventBuilder<Builder> {
        private int skillId = 1;

        private Builder() {
        }

        /**
         * @param skillId the skill, not negative
         * @return this builder
         */
        public Builder skillId(int skillId) {
            this.skillId = Building.notNegative("skillId", skillId);
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the event; the builder may be used again */
        @Override
        public SkillAdded build() {
            return new SkillAdded(timestampOrNow(), worldId, characterId, skillId, zoneId);
        }
    }
}
