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
}
