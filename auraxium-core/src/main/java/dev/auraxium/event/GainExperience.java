package dev.auraxium.event;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A character gained experience: by far the most frequent event. Subscriptions usually select
 * single experience ids with {@link #filterExperience(int)} names; the payload's {@code event_name}
 * stays {@code "GainExperience"} either way.
 *
 * <p>Identical-looking ticks are real (e.g. grenade-assist experience firing twice for one kill),
 * so deduplication never collapses repeats seen on one connection.
 *
 * @param timestamp when it happened
 * @param worldId the world
 * @param amount experience points granted
 * @param characterId the character that gained it (its meaning varies by experience id)
 * @param experienceId what it was for (Census {@code experience})
 * @param loadoutId the character's class (loadout)
 * @param otherId the other party: a character, a vehicle or NPC instance, or {@code 0}; never
 *     matched by character filters
 * @param teamId the character's team; empty in payloads before 2022
 * @param zoneId the zone (see {@link ZoneEvent})
 */
public record GainExperience(Instant timestamp, int worldId, int amount, long characterId, int experienceId,
        int loadoutId, long otherId, OptionalInt teamId, long zoneId) implements CharacterEvent, ZoneEvent {
    /** The wire name. */
    public static final String NAME = "GainExperience";
    /** The prefix of filtered subscription names: {@code GainExperience_experience_id_}. */
    public static final String FILTER_PREFIX = "GainExperience_experience_id_";
    /** Filter names of the experience ids below its length (real ids are in the low thousands). */
    private static final String[] FILTER_NAMES = new String[8192];

    /**
     * Checks the components: each reference must be non-null, an absent field being an empty
     * {@code Optional}, never {@code null}.
     *
     * @param timestamp when it happened
     * @param worldId the world
     * @param amount experience points granted
     * @param characterId the character that gained it (its meaning varies by experience id)
     * @param experienceId what it was for (Census {@code experience})
     * @param loadoutId the character's class (loadout)
     * @param otherId the other party: a character, a vehicle or NPC instance, or {@code 0}; never
     *     matched by character filters
     * @param teamId the character's team; empty in payloads before 2022
     * @param zoneId the zone (see {@link ZoneEvent})
     * @throws NullPointerException if a component is {@code null}
     */
    public GainExperience {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(teamId, "teamId");
    }

    @Override
    public String eventName() {
        return NAME;
    }

    /**
     * The subscription (and trigger) name that selects one experience id.
     *
     * @param experienceId the experience id, not negative
     * @return {@code "GainExperience_experience_id_<id>"}
     */
    public static String filterExperience(int experienceId) {
        if (experienceId < 0) {
            throw new IllegalArgumentException("experienceId must not be negative, was " + experienceId);
        }
        if (experienceId >= FILTER_NAMES.length) {
            return FILTER_PREFIX + experienceId;
        }
        // Matching looks this name up for every GainExperience (most of the stream): each is built
        // once. A race only builds an equal String twice; Strings are safe to publish so.
        String name = FILTER_NAMES[experienceId];
        if (name == null) {
            name = FILTER_PREFIX + experienceId;
            FILTER_NAMES[experienceId] = name;
        }
        return name;
    }

    /** @return {@link #filterExperience(int)} of this event's experience id */
    public String filterName() {
        return filterExperience(experienceId);
    }
}
