package dev.auraxium.protocol;

import java.util.Objects;

/**
 * The reply to {@link Help}: example payloads and commands, kept as raw JSON. The official text is
 * stale (it lists events that were never sent and lacks fields that are); derive nothing from it.
 *
 * @param json the whole frame as compact JSON
 */
public record HelpReply(String json) implements ServerMessage {
    /**
     * Checks the components: each reference must be non-null.
     *
     * @param json the whole frame as compact JSON
     * @throws NullPointerException if a component is {@code null}
     */
    public HelpReply {
        Objects.requireNonNull(json, "json");
    }
}
