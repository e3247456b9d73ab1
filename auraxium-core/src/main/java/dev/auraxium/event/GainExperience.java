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

    /**
     * Starts a {@code GainExperience} with plausible values, for tests and for
     * {@link dev.auraxium.client.EventClient#dispatch(Event)}; see {@link Builder} for the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link GainExperience}. Not thread-safe; each setter checks its argument and names a bad
     * value. By default it describes this: 10 points of experience id 1 (a kill) for character
     * 5428010618015189713 on Indar, team 2, no other party; on world 17 (Emerald), at the current time.
     *
     * <p><b>Timestamps are whole seconds</b>, as the wire carries them: the default is the time of
     * {@link #build()} and {@link #timestamp(Instant)} drops any fraction of a second, so a built
     * event equals its copy decoded after a trip through a server.
     */
    public static final class Builder extends CharacterZoneEventBuilder<Builder> {
        private int amount = 10;
        private int experienceId = 1;
        private int loadoutId = 8;
        private long otherId = 0;
        private OptionalInt teamId = OptionalInt.of(2);

        private Builder() {
        }

        /**
         * @param amount experience points granted, not negative
         * @return this builder
         */
        public Builder amount(int amount) {
            this.amount = Building.notNegative("amount", amount);
            return this;
        }

        /**
         * @param experienceId the experience id, not negative
         * @return this builder
         */
        public Builder experienceId(int experienceId) {
            this.experienceId = Building.notNegative("experienceId", experienceId);
            return this;
        }

        /**
         * @param loadoutId the character's class (loadout), not negative
         * @return this builder
         */
        public Builder loadoutId(int loadoutId) {
            this.loadoutId = Building.notNegative("loadoutId", loadoutId);
            return this;
        }

        /**
         * @param otherId the other party, {@code 0} for none, not negative
         * @return this builder
         */
        public Builder otherId(long otherId) {
            this.otherId = Building.notNegative("otherId", otherId);
            return this;
        }

        /**
         * @param teamId the character's team, not negative (present)
         * @return this builder
         */
        public Builder teamId(int teamId) {
            this.teamId = OptionalInt.of(Building.notNegative("teamId", teamId));
            return this;
        }

        /**
         * @param teamId the character's team, or empty as in payloads that lack the field
         * @return this builder
         */
        public Builder teamId(OptionalInt teamId) {
            this.teamId = Objects.requireNonNull(teamId, "teamId");
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the event; the builder may be used again */
        @Override
        public GainExperience build() {
            return new GainExperience(timestampOrNow(), worldId, amount, characterId, experienceId, loadoutId, otherId, teamId, zoneId);
        }
    }
}
