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

    /**
     * Starts a {@code PlayerFacilityDefend} with plausible values, for tests and for
     * {@link dev.auraxium.client.EventClient#dispatch(Event)}; see {@link Builder} for the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link PlayerFacilityDefend}. Not thread-safe; each setter checks its argument and names a
     * bad value. By default it describes this: character 5428010618015189713, in no outfit, helped defend
     * facility 222280 on Indar; on world 17 (Emerald), at the current time.
     *
     * <p><b>Timestamps are whole seconds</b>, as the wire carries them: the default is the time of
     * {@link #build()} and {@link #timestamp(Instant)} drops any fraction of a second, so a built
     * event equals its copy decoded after a trip through a server.
     */
    public static final class Builder {
        private Instant timestamp;
        private int worldId = Building.WORLD;
        private long characterId = Building.CHARACTER;
        private int facilityId = 222280;
        private long outfitId = 0;
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
         * @param characterId the character, not negative
         * @return this builder
         */
        public Builder characterId(long characterId) {
            this.characterId = Building.notNegative("characterId", characterId);
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
         * @param outfitId the character's outfit, {@code 0} for none, not negative
         * @return this builder
         */
        public Builder outfitId(long outfitId) {
            this.outfitId = Building.notNegative("outfitId", outfitId);
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
        public PlayerFacilityDefend build() {
            return new PlayerFacilityDefend(timestamp == null ? Building.now() : timestamp, worldId, characterId, facilityId, outfitId, zoneId);
        }
    }
}
