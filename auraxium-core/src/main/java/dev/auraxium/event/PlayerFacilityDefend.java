package dev.auraxium.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A character defended a facility (sent for each participating character).
 *
 * @param timestamp when it happened
 * @param worldId the world
 * @param characterId the character
 * @param facilityId the facility (Census {@code map_region.facility_id})
 * @param outfitId the character's outfit, {@code 0} for none
 * @param zoneId the zone (see {@link ZoneEvent})
 */
public record PlayerFacilityDefend(Instant timestamp, int worldId, long characterId, int facilityId, long outfitId,
        long zoneId) implements CharacterEvent, ZoneEvent {
    /** The wire name. */
    public static final String NAME = "PlayerFacilityDefend";

    /**
     * Checks the components: each reference must be non-null, an absent field being an empty
     * {@code Optional}, never {@code null}.
     *
     * @param timestamp when it happened
     * @param worldId the world
     * @param characterId the character
     * @param facilityId the facility (Census {@code map_region.facility_id})
     * @param outfitId the character's outfit, {@code 0} for none
     * @param zoneId the zone (see {@link ZoneEvent})
     * @throws NullPointerException if a component is {@code null}
     */
    public PlayerFacilityDefend {
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String eventName() {
        return NAME;
    }
}
