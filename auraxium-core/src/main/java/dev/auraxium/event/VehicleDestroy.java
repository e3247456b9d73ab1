package dev.auraxium.event;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A vehicle (or deployable, or facility turret) was destroyed. Delivered to subscriptions that list
 * its owner or the attacker. There is no fire mode id on this event.
 *
 * @param timestamp when it happened
 * @param worldId the world
 * @param attackerCharacterId the attacker, {@code 0} for none
 * @param attackerLoadoutId the attacker's class (loadout)
 * @param attackerTeamId the attacker's team; empty in payloads before 2022
 * @param attackerVehicleId the attacker's vehicle, {@code 0} on foot
 * @param attackerWeaponId the weapon used: an <em>item</em> id
 * @param characterId the vehicle's owner, {@code 0} for an unowned vehicle or turret
 * @param facilityId the facility of a destroyed facility turret, else {@code 0}
 * @param factionId the vehicle's faction
 * @param teamId the owner's team; empty in payloads before 2022
 * @param vehicleId the vehicle type (Census {@code vehicle})
 * @param zoneId the zone (see {@link ZoneEvent})
 */
public record VehicleDestroy(Instant timestamp, int worldId, long attackerCharacterId, int attackerLoadoutId,
        OptionalInt attackerTeamId, int attackerVehicleId, int attackerWeaponId, long characterId, int facilityId,
        int factionId, OptionalInt teamId, int vehicleId, long zoneId) implements AttackerEvent, ZoneEvent {
    /** The wire name. */
    public static final String NAME = "VehicleDestroy";

    /**
     * Checks the components: each reference must be non-null, an absent field being an empty
     * {@code Optional}, never {@code null}.
     *
     * @param timestamp when it happened
     * @param worldId the world
     * @param attackerCharacterId the attacker, {@code 0} for none
     * @param attackerLoadoutId the attacker's class (loadout)
     * @param attackerTeamId the attacker's team; empty in payloads before 2022
     * @param attackerVehicleId the attacker's vehicle, {@code 0} on foot
     * @param attackerWeaponId the weapon used: an <em>item</em> id
     * @param characterId the vehicle's owner, {@code 0} for an unowned vehicle or turret
     * @param facilityId the facility of a destroyed facility turret, else {@code 0}
     * @param factionId the vehicle's faction
     * @param teamId the owner's team; empty in payloads before 2022
     * @param vehicleId the vehicle type (Census {@code vehicle})
     * @param zoneId the zone (see {@link ZoneEvent})
     * @throws NullPointerException if a component is {@code null}
     */
    public VehicleDestroy {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(attackerTeamId, "attackerTeamId");
        Objects.requireNonNull(teamId, "teamId");
    }

    @Override
    public String eventName() {
        return NAME;
    }

    /**
     * Starts a {@code VehicleDestroy} with plausible values, for tests and for
     * {@link dev.auraxium.client.EventClient#dispatch(Event)}; see {@link Builder} for the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link VehicleDestroy}. Not thread-safe; each setter checks its argument and names a bad
     * value. By default it describes this: attacker 5428011263335537297 (team 3, on foot, item 7214)
     * destroyed a Sunderer (vehicle 2, faction 2) owned by character 5428010618015189713 (team 2) on
     * Indar; no facility; on world 17 (Emerald), at the current time.
     *
     * <p><b>Timestamps are whole seconds</b>, as the wire carries them: the default is the time of
     * {@link #build()} and {@link #timestamp(Instant)} drops any fraction of a second, so a built
     * event equals its copy decoded after a trip through a server.
     */
    public static final class Builder extends AttackerEventBuilder<Builder> {
        private int facilityId = 0;
        private int factionId = 2;
        private int vehicleId = 2;

        private Builder() {
        }

        /**
         * @param facilityId the facility of a destroyed facility turret, else {@code 0}, not negative
         * @return this builder
         */
        public Builder facilityId(int facilityId) {
            this.facilityId = Building.notNegative("facilityId", facilityId);
            return this;
        }

        /**
         * @param factionId the vehicle's faction, not negative
         * @return this builder
         */
        public Builder factionId(int factionId) {
            this.factionId = Building.notNegative("factionId", factionId);
            return this;
        }

        /**
         * @param vehicleId the vehicle type, not negative
         * @return this builder
         */
        public Builder vehicleId(int vehicleId) {
            this.vehicleId = Building.notNegative("vehicleId", vehicleId);
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the event; the builder may be used again */
        @Override
        public VehicleDestroy build() {
            return new VehicleDestroy(timestampOrNow(), worldId, attackerCharacterId, attackerLoadoutId, attackerTeamId, attackerVehicleId, attackerWeaponId, characterId, facilityId, factionId, teamId, vehicleId, zoneId);
        }
    }
}
