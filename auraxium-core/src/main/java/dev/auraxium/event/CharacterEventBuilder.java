package dev.auraxium.event;

/**
 * The builder of an event about a character and a world but no zone ({@link PlayerLogin},
 * {@link PlayerLogout}): adds {@code characterId} to what {@link EventBuilder} sets. Sealed: only
 * the builders of this package extend it; not thread-safe, like every builder here. The default
 * character is 5428010618015189713.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract sealed class CharacterEventBuilder<B extends CharacterEventBuilder<B>> extends EventBuilder<B>
        permits PlayerLogin.Builder, PlayerLogout.Builder {
    CharacterEventBuilder() {
    }

    /**
     * @param characterId the character, not negative
     * @return this builder
     */
    public final B characterId(long characterId) {
        return character(characterId);
    }
}
