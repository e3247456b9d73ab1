package dev.auraxium.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A character scanned a fish (Oshur's fish, new in 2025).
 *
 * @param timestamp when it happened
 * @param worldId the world
 * @param characterId the character
 * @param fishId the fish (Census {@code fish})
 * @param loadoutId the character's class (loadout)
 * @param teamId the team the character fights for (a PTS sample carried an odd value, 344)
 * @param zoneId the zone (see {@link ZoneEvent})
 */
public record FishScan(Instant timestamp, int worldId, long characterId, int fishId, int loadoutId, int teamId,
        long zoneId) implements CharacterEvent, ZoneEvent {
    /** The wire name. */
    public static final String NAME = "FishScan";

    /**
     * Checks the components: each reference must be non-null, an absent field being an empty
     * {@code Optional}, never {@code null}.
     *
     * @param timestamp when it happened
     * @param worldId the world
     * @param characterId the character
     * @param fishId the fish (Census {@code fish})
     * @param loadoutId the character's class (loadout)
     * @param teamId the team the character fights for (a PTS sample carried an odd value, 344)
     * @param zoneId the zone (see {@link ZoneEvent})
     * @throws NullPointerException if a component is {@code null}
     */
    public FishScan {
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String eventName() {
        return NAME;
    }

    /**
     * Starts a {@code FishScan} with plausible values, for tests and for
     * {@link dev.auraxium.client.EventClient#dispatch(Event)}; see {@link Builder} for the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link FishScan}. Not thread-safe; each setter checks its argument and names a bad value.
     * By default it describes this: character 5428010618015189713 (team 2, loadout 8) scanned fish 1 on
     * Oshur; on world 17 (Emerald), at the current time.
     *
     * <p><b>Timestamps are whole seconds</b>, as the wire carries them: the default is the time of
     * {@link #build()} and {@link #timestamp(Instant)} drops any fraction of a second, so a built
     * event equals its copy decoded after a trip through a server.
     */
    public static final class Builder extends CharacterZoneEventBuilder<Builder> {
        private int fishId = 1;
        private int loadoutId = 8;
        private int teamId = 2;

        private Builder() {
            zoneId = Zones.OSHUR;
        }

        /**
         * @param fishId the fish, not negative
         * @return this builder
         */
        public Builder fishId(int fishId) {
            this.fishId = Building.notNegative("fishId", fishId);
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
         * @param teamId the character's team, not negative
         * @return this builder
         */
        public Builder teamId(int teamId) {
            this.teamId = Building.notNegative("teamId", teamId);
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the event; the builder may be used again */
        @Override
        public FishScan build() {
            return new FishScan(timestampOrNow(), worldId, characterId, fishId, loadoutId, teamId, zoneId);
        }
    }
}
