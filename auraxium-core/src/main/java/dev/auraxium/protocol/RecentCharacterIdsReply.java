package dev.auraxium.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The reply to {@link RecentCharacterIds} (count and list) or {@link RecentCharacterIdsCount}
 * (count only): characters recently seen by the service.
 *
 * @param count {@code recent_character_id_count}
 * @param characterIds {@code recent_character_id_list}; empty for the count-only reply
 */
public record RecentCharacterIdsReply(int count, Optional<List<Long>> characterIds) implements ServerMessage {
    /**
     * Checks the components: each reference must be non-null. Collections are copied, so the
     * value stays immutable.
     *
     * @param count {@code recent_character_id_count}
     * @param characterIds {@code recent_character_id_list}; empty for the count-only reply
     * @throws NullPointerException if a component is {@code null}
     */
    public RecentCharacterIdsReply {
        Objects.requireNonNull(characterIds, "characterIds");
        characterIds = characterIds.map(List::copyOf);
    }
}
