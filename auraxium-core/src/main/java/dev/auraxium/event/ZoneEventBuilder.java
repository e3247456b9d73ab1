package dev.auraxium.event;

/**
 * The builder of a {@link ZoneEvent}: adds {@code zoneId} to what {@link EventBuilder} sets. Sealed:
 * only the builders of this package extend it; not thread-safe, like every builder here. The default
 * zone is Indar ({@link Zones#INDAR}) unless the event's builder says otherwise.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract sealed class ZoneEventBuilder<B extends ZoneEventBuilder<B>> extends EventBuilder<B>
        permits CharacterZoneEventBuilder, ContinentLock.Builder, FacilityControl.Builder {
    long zoneId = Building.ZONE;

    ZoneEventBuilder() {
    }

    /**
     * @param zoneId the zone: an unsigned 32-bit zone id (see {@link Zones})
     * @return this builder
     */
    public final B zoneId(long zoneId) {
        this.zoneId = Building.zone(zoneId);
        return self();
    }
}
