package dev.auraxium.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A character earned an achievement (a weapon medal, a ribbon, a directive tier). The wire name is
 * {@code AchievementEarned}; the Python auraxium calls it {@code AchievementAdded}, a name the ESS
 * never sends.
 *
 * @param timestamp when it happened
 * @param worldId the world
 * @param achievementId the achievement ({@code achievement_id}, see Census {@code achievement})
 * @param characterId the character that earned it
 * @param zoneId the zone (see {@link ZoneEvent})
 */
public record AchievementEarned(Instant timestamp, int worldId, int achievementId, long characterId, long zoneId)
        implements CharacterEvent, ZoneEvent {
    /** The wire name. */
    public static final String NAME = "AchievementEarned";

    /**
     * Checks the components: each reference must be non-null, an absent field being an empty
     * {@code Optional}, never {@code null}.
     *
     * @param timestamp when it happened
     * @param worldId the world
     * @param achievementId the achievement ({@code achievement_id}, see Census {@code achievement})
     * @param characterId the character that earned it
     * @param zoneId the zone (see {@link ZoneEvent})
     * @throws NullPointerException if a component is {@code null}
     */
    public AchievementEarned {
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String eventName() {
        return NAME;
    }

    /**
     * Starts an {@code AchievementEarned} with plausible values, for tests and for
     * {@link dev.auraxium.client.EventClient#dispatch(Event)}; see {@link Builder} for the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds an {@link AchievementEarned}. Not thread-safe; each setter checks its argument and names a
     * bad value. By default it describes this: character 5428010618015189713 earned achievement 90001 on
     * Indar; on world 17 (Emerald), at the current time.
     *
     * <p><b>Timestamps are whole seconds</b>, as the wire carries them: the default is the time of
     * {@link #build()} and {@link #timestamp(Instant)} drops any fraction of a second, so a built
     * event equals its copy decoded after a trip through a server.
     */
    public static final class Builder extends CharacterZoneEventBuilder<Builder> {
        private int achievementId = 90001;

        private Builder() {
        }

        /**
         * @param achievementId the achievement, not negative
         * @return this builder
         */
        public Builder achievementId(int achievementId) {
            this.achievementId = Building.notNegative("achievementId", achievementId);
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the event; the builder may be used again */
        @Override
        public AchievementEarned build() {
            return new AchievementEarned(timestampOrNow(), worldId, achievementId, characterId, zoneId);
        }
    }
}
