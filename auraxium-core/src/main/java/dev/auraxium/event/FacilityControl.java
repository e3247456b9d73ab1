package dev.auraxium.event;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A facility was captured or defended. {@code oldFactionId == newFactionId} means a defence. Also
 * sent in bursts when a continent locks or unlocks.
 *
 * @param timestamp when it happened
 * @param worldId the world
 * @param durationHeld seconds the previous owner held the facility
 * @param facilityId the facility (Census {@code map_region.facility_id})
 * @param newFactionId the owner now (1 VS, 2 NC, 3 TR, 4 NSO)
 * @param oldFactionId the owner before; 0 in some instanced zones
 * @param outfitId the outfit credited, {@code 0} for none; empty in payloads before ~2015
 * @param zoneId the zone (see {@link ZoneEvent})
 */
public record FacilityControl(Instant timestamp, int worldId, long durationHeld, int facilityId,
        int newFactionId, int oldFactionId, OptionalLong outfitId, long zoneId) implements WorldEvent, ZoneEvent {
    /** The wire name. */
    public static final String NAME = "FacilityControl";

    /**
     * Checks the components: each reference must be non-null, an absent field being an empty
     * {@code Optional}, never {@code null}.
     *
     * @param timestamp when it happened
     * @param worldId the world
     * @param durationHeld seconds the previous owner held the facility
     * @param facilityId the facility (Census {@code map_region.facility_id})
     * @param newFactionId the owner now (1 VS, 2 NC, 3 TR, 4 NSO)
     * @param oldFactionId the owner before; 0 in some instanced zones
     * @param outfitId the outfit credited, {@code 0} for none; empty in payloads before ~2015
     * @param zoneId the zone (see {@link ZoneEvent})
     * @throws NullPointerException if a component is {@code null}
     */
    public FacilityControl {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(outfitId, "outfitId");
    }

    @Override
    public String eventName() {
        return NAME;
    }

    /** @return true when the owner did not change (a defence) */
    public boolean isDefence() {
        return oldFactionId == newFactionId;
    }
}
