package dev.auraxium.event;

/**
 * The builder of an event about a character in a zone ({@link CharacterEvent} and
 * {@link ZoneEvent}): adds {@code characterId} to what {@link ZoneEventBuilder} sets. Sealed:
 * only the builders of this package extend it; not thread-safe, like every builder here. The
 * default character is 5428010618015189713.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract sealed class CharacterZoneEventBuilder<B extends CharacterZoneEventBuilder<B>>
        extends ZoneEventBuilder<B> permits AttackerEventBuilder, AchievementEarned.Builder,
        BattleRankUp.Builder, FishScan.Builder, GainExperience.Builder, ItemAdded.Builder,
        FacilityEventBuilder, SkillAdded.Builder {
    CharacterZoneEventBuilder() {
    }

    /**
     * @param characterId the character the event is about (the victim or the vehicle's owner of a
     *     kill, {@code 0} for none), not negative
     * @return this builder
     */
    public final B characterId(long characterId) {
        return character(characterId);
    }
}
