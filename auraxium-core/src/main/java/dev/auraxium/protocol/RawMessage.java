package dev.auraxium.protocol;

import java.util.Objects;

/**
 * A JSON object frame of no known shape: echo replies (the server sends an echo payload back
 * unwrapped) and whatever the service adds tomorrow. Kept as compact JSON so nothing is lost.
 *
 * @param json the whole frame as compact JSON
 */
public record RawMessage(String json) implements ServerMessage {
    /**
     * Checks the components: each reference must be non-null.
     *
     * @param json the whole frame as compact JSON
     * @throws NullPointerException if a component is {@code null}
     */
    public RawMessage {
        Objects.requireNonNull(json, "json");
    }
}
