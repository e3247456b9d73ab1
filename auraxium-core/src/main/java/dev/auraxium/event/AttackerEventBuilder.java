package dev.auraxium.event;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The builder of an {@link AttackerEvent} ({@link Death}, {@link VehicleDestroy}): adds the
 * attacker's fields and the victim's team to what {@link CharacterZoneEventBuilder} sets. Sealed:
 * only the builders of this package extend it; not thread-safe, like every builder here.
 *
 * <p>By default attacker 5428011263335537297 on foot, of team 3 (TR) and loadout 15, used item
 * 7214; the victim's team is 2 (NC).
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract sealed class AttackerEventBuilder<B extends AttackerEventBuilder<B>>
        extends CharacterZoneEventBuilder<B> permits Death.Builder, VehicleDestroy.Builder {
    long attackerCharacterId = Building.ATTACKER;
    int attackerLoadoutId = 15;
    OptionalInt attackerTeamId = OptionalInt.of(3);
    int attackerVehicleId = 0;
    int attackerWeaponId = 7214;
    OptionalInt teamId = OptionalInt.of(2);

    AttackerEventBuilder() {
    }

    /**
     * @param attackerCharacterId the attacker, {@code 0} for none (an environment death, an
     *     unattributed vehicle loss), not negative
     * @return this builder
     */
    public final B attackerCharacterId(long attackerCharacterId) {
        this.attackerCharacterId = Building.notNegative("attackerCharacterId", attackerCharacterId);
        return self();
    }

    /**
     * @param attackerLoadoutId the attacker's class (loadout), not negative
     * @return this builder
     */
    public final B attackerLoadoutId(int attackerLoadoutId) {
        this.attackerLoadoutId = Building.notNegative("attackerLoadoutId", attackerLoadoutId);
        return self();
    }

    /**
     * @param attackerTeamId the attacker's team, not negative (present)
     * @return this builder
     */
    public final B attackerTeamId(int attackerTeamId) {
        this.attackerTeamId = OptionalInt.of(Building.notNegative("attackerTeamId", attackerTeamId));
        return self();
    }

    /**
     * @param attackerTeamId the attacker's team, or empty as in payloads that lack the field
     * @return this builder
     */
    public final B attackerTeamId(OptionalInt attackerTeamId) {
        this.attackerTeamId = Objects.requireNonNull(attackerTeamId, "attackerTeamId");
        return self();
    }

    /**
     * @param attackerVehicleId the attacker's vehicle, {@code 0} on foot, not negative
     * @return this builder
     */
    public final B attackerVehicleId(int attackerVehicleId) {
        this.attackerVehicleId = Building.notNegative("attackerVehicleId", attackerVehicleId);
        return self();
    }

    /**
     * @param attackerWeaponId the weapon's item id, not negative
     * @return this builder
     */
    public final B attackerWeaponId(int attackerWeaponId) {
        this.attackerWeaponId = Building.notNegative("attackerWeaponId", attackerWeaponId);
        return self();
    }

    /**
     * @param teamId the team of the victim (or of the vehicle's owner), not negative (present)
     * @return this builder
     */
    public final B teamId(int teamId) {
        this.teamId = OptionalInt.of(Building.notNegative("teamId", teamId));
        return self();
    }

    /**
     * @param teamId the team of the victim (or of the vehicle's owner), or empty as in payloads
     *     that lack the field
     * @return this builder
     */
    public final B teamId(OptionalInt teamId) {
        this.teamId = Objects.requireNonNull(teamId, "teamId");
        return self();
    }
}
