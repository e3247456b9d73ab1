package dev.auraxium.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A character logged in to a world. Both a character and a world event: the ESS delivers it to
 * subscriptions that list the character <em>or</em> the world.
 *
 * @param timestamp when it happened
 * @param worldId the world
 * @param characterId the character
 */
public record PlayerLogin(Instant timestamp, int worldId, long characterId) implements CharacterEvent, WorldEvent {
    /** The wire name. */
    public static final String NAME = "PlayerLogin";

    /**
     * Checks the components: each reference must be non-null, an absent field being an empty
     * {@code Optional}, never {@code null}.
     *
     * @param timestamp when it happened
     * @param worldId the world
     * @param characterId the character
     * @throws NullPointerException if a component is {@code null}
     */
    public PlayerLogin {
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String eventName() {
        return NAME;
    }

    /**
     * Starts a {@code PlayerLogin} with plausible values, for tests and for
     * {@link dev.auraxium.client.EventClient#dispatch(Event)}; see {@link Builder} for the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link PlayerLogin}. Not thread-safe; each setter checks its argument and names a bad
     * value. By default it describes this: character 5428010618015189713 logs in; on world 17 (Emerald),
     * at the current time.
     *
     * <p><b>Timestamps are whole seconds</b>, as the wire carries them: the default is the time of
     * {@link #build()} and {@link #timestamp(Instant)} drops any fraction of a second, so a built
     * event equals its copy decoded after a trip through a server.
     */
    public static final class Builder extends CharacterEventBuilder<Builder> {

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the event; the builder may be used again */
        @Override
        public PlayerLogin build() {
            return new PlayerLogin(timestampOrNow(), worldId, characterId);
        }
    }
}
