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
}
