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

    /**
     * Starts a {@code FacilityControl} with plausible values, for tests and for
     * {@link dev.auraxium.client.EventClient#dispatch(Event)}; see {@link Builder} for the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link FacilityControl}. Not thread-safe; each setter checks its argument and names a bad
     * value. By default it describes this: NC (2) captured facility 222280 on Indar from TR (3), held 600
     * s before, outfit id 0 (none) present; on world 17 (Emerald), at the current time.
     *
     * <p><b>Timestamps are whole seconds</b>, as the wire carries them: the default is the time of
     * {@link #build()} and {@link #timestamp(Instant)} drops any fraction of a second, so a built
     * event equals its copy decoded after a trip through a server.
     */
    public static final class Builder extends ZoneEventBuilder<Builder> {
        private long durationHeld = 600;
        private int facilityId = 222280;
        private int newFactionId = 2;
        private int oldFactionId = 3;
        private OptionalLong outfitId = OptionalLong.of(0);

        private Builder() {
        }

        /**
         * @param durationHeld seconds the previous owner held the facility, not negative
         * @return this builder
         */
        public Builder durationHeld(long durationHeld) {
            this.durationHeld = Building.notNegative("durationHeld", durationHeld);
            return this;
        }

        /**
         * @param facilityId the facility, not negative
         * @return this builder
         */
        public Builder facilityId(int facilityId) {
            this.facilityId = Building.notNegative("facilityId", facilityId);
            return this;
        }

        /**
         * @param newFactionId the owner now, not negative
         * @return this builder
         */
        public Builder newFactionId(int newFactionId) {
            this.newFactionId = Building.notNegative("newFactionId", newFactionId);
            return this;
        }

        /**
         * @param oldFactionId the owner before, not negative
         * @return this builder
         */
        public Builder oldFactionId(int oldFactionId) {
            this.oldFactionId = Building.notNegative("oldFactionId", oldFactionId);
            return this;
        }

        /**
         * @param outfitId the outfit credited, {@code 0} for none, not negative (present)
         * @return this builder
         */
        public Builder outfitId(long outfitId) {
            this.outfitId = OptionalLong.of(Building.notNegative("outfitId", outfitId));
            return this;
        }

        /**
         * @param outfitId the outfit credited, {@code 0} for none, or empty as in payloads that lack the field
         * @return this builder
         */
        public Builder outfitId(OptionalLong outfitId) {
            this.outfitId = Objects.requireNonNull(outfitId, "outfitId");
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the event; the builder may be used again */
        @Override
        public FacilityControl build() {
            return new FacilityControl(timestampOrNow(), worldId, durationHeld, facilityId, newFactionId, oldFactionId, outfitId, zoneId);
        }
    }
}
