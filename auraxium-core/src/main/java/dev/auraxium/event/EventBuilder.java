package dev.auraxium.event;

import java.time.Instant;

/**
 * What every event type's {@code Builder} has in common: the {@code timestamp} and {@code worldId}
 * that every event carries. Each setter returns the concrete builder ({@code B}), so that setters
 * of this class and of the event's own builder chain in any order, e.g.
 * {@code Death.builder().worldId(10).attackerCharacterId(0).zoneId(Zones.INDAR).build()}.
 *
 * <p>Sealed: only the builders of this package extend it; get one from an event type's
 * {@code builder()}. Like every builder here it is not thread-safe: use one from one thread at a
 * time. Each setter checks its argument and names a bad value; {@link #build()} may be called
 * again after more setters and builds an independent event.
 *
 * <p><b>Timestamps are whole seconds</b>, as the wire carries them: the default is the time of
 * {@link #build()} and {@link #timestamp(Instant)} drops any fraction of a second, so a built event
 * equals its copy decoded after a trip through a server. The default world is 17 (Emerald).
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract sealed class EventBuilder<B extends EventBuilder<B>>
        permits CharacterEventBuilder, ZoneEventBuilder, MetagameEvent.Builder, UnknownEvent.Builder {
    private Instant timestamp;
    int worldId = Building.WORLD;
    /**
     * The character of a character event. Character events with and without a zone extend
     * different bases ({@link CharacterEventBuilder}, {@link CharacterZoneEventBuilder}), so the
     * value, its default and its check live here, once; only those two expose a setter.
     */
    long characterId = Building.CHARACTER;

    EventBuilder() {
    }

    /** @return this builder as its concrete type, for the setters to return */
    abstract B self();

    /** @return the timestamp set, or now (in whole seconds) when none was set */
    final Instant timestampOrNow() {
        return timestamp == null ? Building.now() : timestamp;
    }

    /** Sets {@link #characterId} for the public setters of the character builders. */
    final B character(long characterId) {
        this.characterId = Building.notNegative("characterId", characterId);
        return self();
    }

    /**
     * @param timestamp when it happened; truncated to whole seconds (the wire's precision), not
     *     before 1970
     * @return this builder
     */
    public final B timestamp(Instant timestamp) {
        this.timestamp = Building.seconds(timestamp);
        return self();
    }

    /**
     * @param worldId the world, positive
     * @return this builder
     */
    public final B worldId(int worldId) {
        this.worldId = Building.world(worldId);
        return self();
    }

    /**
     * Builds the event from the values set so far and the defaults for the others.
     *
     * @return the event; the builder may be used again
     */
    public abstract Event build();
}
