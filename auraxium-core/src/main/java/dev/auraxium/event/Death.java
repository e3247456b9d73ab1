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

    /**
     * Starts a {@code Death} with plausible values, for tests and for
     * {@link dev.auraxium.client.EventClient#dispatch(Event)}; see {@link Builder} for the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link Death}. Not thread-safe; each setter checks its argument and names a bad value. By
     * default it describes this: a headshot-free infantry kill on Indar: attacker 5428011263335537297 (TR,
     * team 3) killed character 5428010618015189713 (NC, team 2) with item 7214; {@code isCritical} false,
     * {@code vehicleId} empty (current payloads lack it); on world 17 (Emerald), at the current time.
     *
     * <p><b>Timestamps are whole seconds</b>, as the wire carries them: the default is the time of
     * {@link #build()} and {@link #timestamp(Instant)} drops any fraction of a second, so a built
     * event equals its copy decoded after a trip through a server.
     */
    public static final class Builder extends AttackerEventBuilder<Builder> {
        private int attackerFireModeId = 7214;
        private int characterLoadoutId = 8;
        private Optional<Boolean> isCritical = Optional.of(false);
        private boolean isHeadshot = false;
        private OptionalInt vehicleId = OptionalInt.empty();

        private Builder() {
        }

        /**
         * @param attackerFireModeId the fire mode used, not negative
         * @return this builder
         */
        public Builder attackerFireModeId(int attackerFireModeId) {
            this.attackerFireModeId = Building.notNegative("attackerFireModeId", attackerFireModeId);
            return this;
        }

        /**
         * @param characterLoadoutId the victim's class (loadout), not negative
         * @return this builder
         */
        public Builder characterLoadoutId(int characterLoadoutId) {
            this.characterLoadoutId = Building.notNegative("characterLoadoutId", characterLoadoutId);
            return this;
        }

        /**
         * @param isCritical {@code is_critical} (present)
         * @return this builder
         */
        public Builder isCritical(boolean isCritical) {
            this.isCritical = Optional.of(isCritical);
            return this;
        }

        /**
         * @param isCritical {@code is_critical}, or empty as in payloads that lack the field
         * @return this builder
         */
        public Builder isCritical(Optional<Boolean> isCritical) {
            this.isCritical = Objects.requireNonNull(isCritical, "isCritical");
            return this;
        }

        /**
         * @param isHeadshot whether the killing blow was a headshot
         * @return this builder
         */
        public Builder isHeadshot(boolean isHeadshot) {
            this.isHeadshot = isHeadshot;
            return this;
        }

        /**
         * @param vehicleId the victim's vehicle (absent from current payloads), not negative (present)
         * @return this builder
         */
        public Builder vehicleId(int vehicleId) {
            this.vehicleId = OptionalInt.of(Building.notNegative("vehicleId", vehicleId));
            return this;
        }

        /**
         * @param vehicleId the victim's vehicle (absent from current payloads), or empty as in payloads that lack the field
         * @return this builder
         */
        public Builder vehicleId(OptionalInt vehicleId) {
            this.vehicleId = Objects.requireNonNull(vehicleId, "vehicleId");
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the event; the builder may be used again */
        @Override
        public Death build() {
            return new Death(timestampOrNow(), worldId, attackerCharacterId, attackerFireModeId, attackerLoadoutId, attackerTeamId, attackerVehicleId, attackerWeaponId, characterId, characterLoadoutId, isCritical, isHeadshot, teamId, vehicleId, zoneId);
        }
    }
}
