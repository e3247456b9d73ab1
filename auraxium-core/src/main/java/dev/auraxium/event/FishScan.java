package dev.auraxium.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A character scanned a fish (Oshur's fish, new in 2025).
 *
 * @param timestamp when it happened
 * @param worldId the world
 * @param characterId the character
 * @param fishId the fish (Census {@code fish})
 * @param loadoutId the character's class (loadout)
 * @param teamId the team the character fights for (a PTS sample carried an odd value, 344)
 * @param zoneId the zone (see {@link ZoneEvent})
 */
public record FishScan(Instant timestamp, int worldId, long characterId, int fishId, int loadoutId, int teamId,
        long zoneId) implements CharacterEvent, ZoneEvent {
    /** The wire name. */
    public static final String NAME = "FishScan";

    /**
     * Checks the components: each reference must be non-null, an absent field being an empty
     * {@code Optional}, never {@code null}.
     *
     * @param timestamp when it happened
     * @param worldId the world
     * @param characterId the character
     * @param fishId the fish (Census {@code fish})
     * @param loadoutId the character's class (loadout)
     * @param teamId the team the character fights for (a PTS sample carried an odd value, 344)
     * @param zoneId the zone (see {@link ZoneEvent})
     * @throws NullPointerException if a component is {@code null}
     */
    public FishScan {
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String eventName() {
        return NAME;
    }
}
