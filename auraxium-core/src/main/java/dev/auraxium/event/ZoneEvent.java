package dev.auraxium.event;

/**
 * An event that names the zone (continent or instance) it happened in.
 *
 * <p>{@code zone_id} is an unsigned 32-bit value: the low 16 bits are the zone definition (2 Indar,
 * 4 Hossin, 6 Amerish, 8 Esamir, 344 Oshur, ...), the high 16 bits the instance, non-zero for
 * instanced zones such as Outfit Wars or Sanctuary copies.
 */
public sealed interface ZoneEvent extends Event
        permits AchievementEarned, BattleRankUp, ContinentLock, Death, FacilityControl, FishScan,
        GainExperience, ItemAdded, PlayerFacilityCapture, PlayerFacilityDefend, SkillAdded, VehicleDestroy {

    /** @return the zone id, 0 to 2<sup>32</sup>-1 */
    long zoneId();

    /** @return the zone definition: the low 16 bits of {@link #zoneId()} */
    default int zoneDefinitionId() {
        return Zones.definitionId(zoneId());
    }

    /** @return the instance: the high 16 bits of {@link #zoneId()}, 0 for a static continent */
    default int zoneInstanceId() {
        return Zones.instanceId(zoneId());
    }
}
