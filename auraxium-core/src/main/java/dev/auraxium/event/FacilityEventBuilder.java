package dev.auraxium.event;

/**
 * The builder of a character's facility capture or defence ({@link PlayerFacilityCapture},
 * {@link PlayerFacilityDefend}): adds the facility and the character's outfit to what
 * {@link CharacterZoneEventBuilder} sets. Sealed: only those two builders extend it; not
 * thread-safe, like every builder here. The default facility is 222280, in no outfit.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract sealed class FacilityEventBuilder<B extends FacilityEventBuilder<B>> extends CharacterZoneEventBuilder<B>
        permits PlayerFacilityCapture.Builder, PlayerFacilityDefend.Builder {
    int facilityId = 222280;
    long outfitId = 0;

    FacilityEventBuilder() {
    }

    /**
     * @param facilityId the facility, not negative
     * @return this builder
     */
    public final B facilityId(int facilityId) {
        this.facilityId = Building.notNegative("facilityId", facilityId);
        return self();
    }

    /**
     * @param outfitId the character's outfit, {@code 0} for none, not negative
     * @return this builder
     */
    public final B outfitId(long outfitId) {
        this.outfitId = Building.notNegative("outfitId", outfitId);
        return self();
    }
}
