package dev.auraxium.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A character captured a facility (sent for each participating character).
 *
 * @param timestamp when it happened
 * @param worldId the world
 * @param characterId the character
 * @param facilityId the facility (Census {@code map_region.facility_id})
 * @param outfitId the character's outfit, {@code 0} for none
 * @param zoneId the zone (see {@link ZoneEvent})
 */
public record PlayerFacilityCapture(Instant timestamp, int worldId, long characterId, int facilityId, long outfitId,
        long zoneId) implements CharacterEvent, ZoneEvent {
    /** The wire name. */
    public static final String NAME = "PlayerFacilityCapture";

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
    public PlayerFacilityCapture {
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String eventName() {
        return NAME;
    }

    /**
     * Starts a {@code PlayerFacilityCapture} with plausible values, for tests and for
     * {@link dev.auraxium.client.EventClient#dispatch(Event)}; see {@link Builder} for the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link PlayerFacilityCapture}. Not thread-safe; each setter checks its argument and names a
     * bad value. By default it describes this: character 5428010618015189713, in no outfit, helped capture
     * facility 222280 on Indar; on world 17 (Emerald), at the current time.
     *
     * <p><b>Timestamps are whole seconds</b>, as the wire carries them: the default is the time of
     * {@link #build()} and {@link #timestamp(Instant)} drops any fraction of a second, so a built
     * event equals its copy decoded after a trip through a server.
     */
    public static final class Builder extends FacilityEventBuilder<Builder> {
        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the event; the builder may be used again */
        @Override
        public PlayerFacilityCapture build() {
            return new PlayerFacilityCapture(timestampOrNow(), worldId, characterId, facilityId, outfitId, zoneId);
        }
    }
}
