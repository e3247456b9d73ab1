package dev.auraxium.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A character logged out of a world. Both a character and a world event: the ESS delivers it to
 * subscriptions that list the character <em>or</em> the world.
 *
 * @param timestamp when it happened
 * @param worldId the world
 * @param characterId the character
 */
public record PlayerLogout(Instant timestamp, int worldId, long characterId) implements CharacterEvent, WorldEvent {
    /** The wire name. */
    public static final String NAME = "PlayerLogout";

    /**
     * Checks the components: each reference must be non-null, an absent field being an empty
     * {@code Optional}, never {@code null}.
     *
     * @param timestamp when it happened
     * @param worldId the world
     * @param characterId the character
     * @throws NullPointerException if a component is {@code null}
     */
    public PlayerLogout {
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String eventName() {
        return NAME;
    }

    /**
     * Starts a {@code PlayerLogout} with plausible values, for tests and for
     * {@link dev.auraxium.client.EventClient#dispatch(Event)}; see {@link Builder} for the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link PlayerLogout}. Not thread-safe; each setter checks its argument and names a bad
     * value. By default it describes this: character 5428010618015189713 logs out; on world 17 (Emerald),
     * at the current time.
     *
     * <p><b>Timestamps are whole seconds</b>, as the wire carries them: the default is the time of
     * {@link #build()} and {@link #timestamp(Instant)} drops any fraction of a second, so a built
     * event equals its copy decoded after a trip through a server.
     */
    public static final class Builder {
        private Instant timestamp;
        private int worldId = Building.WORLD;
        private long characterId = Building.CHARACTER;

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
         * @param characterId the character, not negative
         * @return this builder
         */
        public Builder characterId(long characterId) {
            this.characterId = Building.notNegative("characterId", characterId);
            return this;
        }

        /** @return the event; the builder may be used again */
        public PlayerLogout build() {
            return new PlayerLogout(timestamp == null ? Building.now() : timestamp, worldId, characterId);
        }
    }
}
