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
    public static final class Builder {
        private Instant timestamp;
        private int worldId = Building.WORLD;
        private int battleRank = 20;
        private long characterId = Building.CHARACTER;
        private long zoneId = Building.ZONE;

        private Builder() {
        }

        /**
         * @param timestamp when it happened; truncated to whole seconds (the wire's precision), not
         *     before 1970
         * @return this builder
         */
        public Builder timestamp(Instant timestamp) {
            this.timestamp = Building.seconds(timestamp);
            return this;
        }

        /**
         * @param worldId the world, positive
         * @return this builder
         */
        public Builder worldId(int worldId) {
            this.worldId = Building.world(worldId);
            return this;
        }

        /**
         * @param battleRank the new battle rank, not negative
         * @return this builder
         */
        public Builder battleRank(int battleRank) {
            this.battleRank = Building.notNegative("battleRank", battleRank);
            return this;
        }
        /**
         * @param characterId the character, not negative
         * @return this builder
         */
        public Builder characterId(long characterId) {
            this.characterId = Building.notNegative("characterId", characterId);
            return this;
        }
        /**
         * @param zoneId the zone: an unsigned 32-bit zone id (see {@link Zones})
         * @return this builder
         */
        public Builder zoneId(long zoneId) {
            this.zoneId = Building.zone(zoneId);
            return this;
        }

        /** @return the event; the builder may be used again */
        public BattleRankUp build() {
            return new BattleRankUp(timestamp == null ? Building.now() : timestamp, worldId, battleRank, characterId, zoneId);
        }
    }
}
