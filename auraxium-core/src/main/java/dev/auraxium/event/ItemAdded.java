package dev.auraxium.event;

import java.time.Instant;
import java.util.Objects;

/**
 * An item was added to a character's inventory (bought, unlocked, granted).
 *
 * @param timestamp when it happened
 * @param worldId the world
 * @param characterId the character
 * @param context free text naming how, e.g. {@code GenericTerminalTransaction},
 *     {@code SkillGrantItemLine}, {@code SellBundle}, {@code GuildBankWithdrawal}
 * @param itemCount how many
 * @param itemId the item (Census {@code item})
 * @param zoneId the zone (see {@link ZoneEvent})
 */
public record ItemAdded(Instant timestamp, int worldId, long characterId, String context, int itemCount, int itemId,
        long zoneId) implements CharacterEvent, ZoneEvent {
    /** The wire name. */
    public static final String NAME = "ItemAdded";

    /**
     * Checks the components: each reference must be non-null, an absent field being an empty
     * {@code Optional}, never {@code null}.
     *
     * @param timestamp when it happened
     * @param worldId the world
     * @param characterId the character
     * @param context free text naming how, e.g. {@code GenericTerminalTransaction},
     *     {@code SkillGrantItemLine}, {@code SellBundle}, {@code GuildBankWithdrawal}
     * @param itemCount how many
     * @param itemId the item (Census {@code item})
     * @param zoneId the zone (see {@link ZoneEvent})
     * @throws NullPointerException if a component is {@code null}
     */
    public ItemAdded {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(context, "context");
    }

    @Override
    public String eventName() {
        return NAME;
    }

    /**
     * Starts an {@code ItemAdded} with plausible values, for tests and for
     * {@link dev.auraxium.client.EventClient#dispatch(Event)}; see {@link Builder} for the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds an {@link ItemAdded}. Not thread-safe; each setter checks its argument and names a bad value.
     * By default it describes this: character 5428010618015189713 bought one of item 7214 at a terminal
     * ({@code GenericTerminalTransaction}) on Indar; on world 17 (Emerald), at the current time.
     *
     * <p><b>Timestamps are whole seconds</b>, as the wire carries them: the default is the time of
     * {@link #build()} and {@link #timestamp(Instant)} drops any fraction of a second, so a built
     * event equals its copy decoded after a trip through a server.
     */
    public static final class Builder extends CharacterZoneEventBuilder<Builder> {
        private String context = "GenericTerminalTransaction";
        private int itemCount = 1;
        private int itemId = 7214;

        private Builder() {
        }

        /**
         * @param context how the item was added, not null
         * @return this builder
         */
        public Builder context(String context) {
            this.context = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * @param itemCount how many, not negative
         * @return this builder
         */
        public Builder itemCount(int itemCount) {
            this.itemCount = Building.notNegative("itemCount", itemCount);
            return this;
        }

        /**
         * @param itemId the item, not negative
         * @return this builder
         */
        public Builder itemId(int itemId) {
            this.itemId = Building.notNegative("itemId", itemId);
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the event; the builder may be used again */
        @Override
        public ItemAdded build() {
            return new ItemAdded(timestampOrNow(), worldId, characterId, context, itemCount, itemId, zoneId);
        }
    }
}
