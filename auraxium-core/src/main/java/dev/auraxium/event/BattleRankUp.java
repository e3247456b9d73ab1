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

    /**
     * Starts a {@code BattleRankUp} with plausible values, for tests and for
     * {@link dev.auraxium.client.EventClient#dispatch(Event)}; see {@link Builder} for the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link BattleRankUp}. Not thread-safe; each setter checks its argument and names a bad
     * value. By default it describes this: character 5428010618015189713 reached battle rank 20 on Indar;
     * on world 17 (Emerald), at the current time.
     *
     * <p><b>Timestamps are whole seconds</b>, as the wire carries them: the default is the time of
     * {@link #build()} and {@link #timestamp(Instant)} drops any fraction of a second, so a built
     * event equals its copy decoded after a trip through a server.
     */
    public static final class Builder extends CharacterZoneEventBuilder<Builder> {
        private int battleRank = 20;

        private Builder() {
        }

        /**
         * @param battleRank the new battle rank, not negative
         * @return this builder
         */
        public Builder battleRank(int battleRank) {
            this.battleRank = Building.notNegative("battleRank", battleRank);
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the event; the builder may be used again */
        @Override
        public BattleRankUp build() {
            return new BattleRankUp(timestampOrNow(), worldId, battleRank, characterId, zoneId);
        }
    }
}
