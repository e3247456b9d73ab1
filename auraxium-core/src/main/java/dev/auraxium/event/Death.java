package dev.auraxium.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A character died. Delivered to subscriptions that list the victim or the attacker.
 *
 * @param timestamp when it happened
 * @param worldId the world
 * @param attackerCharacterId the killer, {@code 0} for an environment death (fall damage, pain field)
 * @param attackerFireModeId the fire mode used (Census {@code fire_mode_2})
 * @param attackerLoadoutId the killer's class (loadout)
 * @param attackerTeamId the team the killer fought for (1 VS, 2 NC, 3 TR, 0 none); empty in payloads
 *     before 2022
 * @param attackerVehicleId the vehicle the killer was in, {@code 0} on foot
 * @param attackerWeaponId the weapon used: an <em>item</em> id (Census {@code item}), not a weapon id;
 *     {@code 0} for some vehicle kills
 * @param characterId the victim
 * @param characterLoadoutId the victim's class (loadout)
 * @param isCritical {@code is_critical}; always false when present; empty in payloads before 2022
 * @param isHeadshot whether the killing blow was a headshot
 * @param teamId the team the victim fought for; empty in payloads before 2022
 * @param vehicleId the victim's vehicle: listed by the help text and present in some old payloads
 *     only; empty when absent
 * @param zoneId the zone (see {@link ZoneEvent})
 */
public record Death(Instant timestamp, int worldId, long attackerCharacterId, int attackerFireModeId,
        int attackerLoadoutId, OptionalInt attackerTeamId, int attackerVehicleId, int attackerWeaponId,
        long characterId, int characterLoadoutId, Optional<Boolean> isCritical, boolean isHeadshot,
        OptionalInt teamId, OptionalInt vehicleId, long zoneId) implements AttackerEvent, ZoneEvent {
    /** The wire name. */
    public static final String NAME = "Death";

    /**
     * Checks the components: each reference must be non-null, an absent field being an empty
     * {@code Optional}, never {@code null}.
     *
     * @param timestamp when it happened
     * @param worldId the world
     * @param attackerCharacterId the killer, {@code 0} for an environment death (fall damage, pain field)
     * @param attackerFireModeId the fire mode used (Census {@code fire_mode_2})
     * @param attackerLoadoutId the killer's class (loadout)
     * @param attackerTeamId the team the killer fought for (1 VS, 2 NC, 3 TR, 0 none); empty in payloads
     *     before 2022
     * @param attackerVehicleId the vehicle the killer was in, {@code 0} on foot
     * @param attackerWeaponId the weapon used: an <em>item</em> id (Census {@code item}), not a weapon id;
     *     {@code 0} for some vehicle kills
     * @param characterId the victim
     * @param characterLoadoutId the victim's class (loadout)
     * @param isCritical {@code is_critical}; always false when present; empty in payloads before 2022
     * @param isHeadshot whether the killing blow was a headshot
     * @param teamId the team the victim fought for; empty in payloads before 2022
     * @param vehicleId the victim's vehicle: listed by the help text and present in some old payloads
     *     only; empty when absent
     * @param zoneId the zone (see {@link ZoneEvent})
     * @throws NullPointerException if a component is {@code null}
     */
    public Death {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(attackerTeamId, "attackerTeamId");
        Objects.requireNonNull(isCritical, "isCritical");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(vehicleId, "vehicleId");
    }

    @Override
    public String eventName() {
        return NAME;
    }

    /** @return true when the victim killed themselves (same character on both sides) */
    public boolean isSuicide() {
        return characterId == attackerCharacterId;
    }
}
