package dev.auraxium.event;

/**
 * An event about one character; the ESS delivers it to subscriptions that list its
 * {@link #characterId()} (or {@code "all"} characters).
 */
public sealed interface CharacterEvent extends Event
        permits AttackerEvent, AchievementEarned, BattleRankUp, FishScan, GainExperience, ItemAdded,
        PlayerFacilityCapture, PlayerFacilityDefend, PlayerLogin, PlayerLogout, SkillAdded {

    /** @return the character the event is about ({@code 0} on VehicleDestroy: an unowned vehicle) */
    long characterId();
}
