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
    public static final class Builder {
        private Instant timestamp;
        private int worldId = Building.WORLD;
        private long attackerCharacterId = Building.ATTACKER;
        private int attackerLoadoutId = 15;
        private OptionalInt attackerTeamId = OptionalInt.of(3);
        private int attackerVehicleId = 0;
        private int attackerWeaponId = 7214;
        private long characterId = Building.CHARACTER;
        private int facilityId = 0;
        private int factionId = 2;
        private OptionalInt teamId = OptionalInt.of(2);
        private int vehicleId = 2;
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
         * @param attackerCharacterId the attacker, {@code 0} for none, not negative
         * @return this builder
         */
        public Builder attackerCharacterId(long attackerCharacterId) {
            this.attackerCharacterId = Building.notNegative("attackerCharacterId", attackerCharacterId);
            return this;
        }
        /**
         * @param attackerLoadoutId the attacker's class (loadout), not negative
         * @return this builder
         */
        public Builder attackerLoadoutId(int attackerLoadoutId) {
            this.attackerLoadoutId = Building.notNegative("attackerLoadoutId", attackerLoadoutId);
            return this;
        }
        /**
         * @param attackerTeamId the attacker's team, not negative (present)
         * @return this builder
         */
        public Builder attackerTeamId(int attackerTeamId) {
            this.attackerTeamId = OptionalInt.of(Building.notNegative("attackerTeamId", attackerTeamId));
            return this;
        }
        /**
         * @param attackerTeamId the attacker's team, or empty as in payloads that lack the field
         * @return this builder
         */
        public Builder attackerTeamId(OptionalInt attackerTeamId) {
            this.attackerTeamId = Objects.requireNonNull(attackerTeamId, "attackerTeamId");
            return this;
        }
        /**
         * @param attackerVehicleId the attacker's vehicle, {@code 0} on foot, not negative
         * @return this builder
         */
        public Builder attackerVehicleId(int attackerVehicleId) {
            this.attackerVehicleId = Building.notNegative("attackerVehicleId", attackerVehicleId);
            return this;
        }
        /**
         * @param attackerWeaponId the weapon's item id, not negative
         * @return this builder
         */
        public Builder attackerWeaponId(int attackerWeaponId) {
            this.attackerWeaponId = Building.notNegative("attackerWeaponId", attackerWeaponId);
            return this;
        }
        /**
         * @param characterId the vehicle's owner, {@code 0} for none, not negative
         * @return this builder
         */
        public Builder characterId(long characterId) {
            this.characterId = Building.notNegative("characterId", characterId);
            return this;
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
         * @param teamId the owner's team, not negative (present)
         * @return this builder
         */
        public Builder teamId(int teamId) {
            this.teamId = OptionalInt.of(Building.notNegative("teamId", teamId));
            return this;
        }
        /**
         * @param teamId the owner's team, or empty as in payloads that lack the field
         * @return this builder
         */
        public Builder teamId(OptionalInt teamId) {
            this.teamId = Objects.requireNonNull(teamId, "teamId");
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
        /**
         * @param zoneId the zone: an unsigned 32-bit zone id (see {@link Zones})
         * @return this builder
         */
        public Builder zoneId(long zoneId) {
            this.zoneId = Building.zone(zoneId);
            return this;
        }

        /** @return the event; the builder may be used again */
        public VehicleDestroy build() {
            return new VehicleDestroy(timestamp == null ? Building.now() : timestamp, worldId, attackerCharacterId, attackerLoadoutId, attackerTeamId, attackerVehicleId, attackerWeaponId, characterId, facilityId, factionId, teamId, vehicleId, zoneId);
        }
    }
}
