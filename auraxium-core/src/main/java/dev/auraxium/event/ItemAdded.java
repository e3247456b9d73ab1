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
}
