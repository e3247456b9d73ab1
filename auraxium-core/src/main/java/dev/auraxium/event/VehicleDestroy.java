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
}
