package dev.auraxium.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A character earned an achievement (a weapon medal, a ribbon, a directive tier). The wire name is
 * {@code AchievementEarned}; the Python auraxium calls it {@code AchievementAdded}, a name the ESS
 * never sends.
 *
 * @param timestamp when it happened
 * @param worldId the world
 * @param achievementId the achievement ({@code achievement_id}, see Census {@code achievement})
 * @param characterId the character that earned it
 * @param zoneId the zone (see {@link ZoneEvent})
 */
public record AchievementEarned(Instant timestamp, int worldId, int achievementId, long characterId, long zoneId)
        implements CharacterEvent, ZoneEvent {
    /** The wire name. */
    public static final String NAME = "AchievementEarned";

    /**
     * Checks the components: each reference must be non-null, an absent field being an empty
     * {@code Optional}, never {@code null}.
     *
     * @param timestamp when it happened
     * @param worldId the world
     * @param achievementId the achievement ({@code achievement_id}, see Census {@code achievement})
     * @param characterId the character that earned it
     * @param zoneId the zone (see {@link ZoneEvent})
     * @throws NullPointerException if a component is {@code null}
     */
    public AchievementEarned {
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String eventName() {
        return NAME;
    }
}
