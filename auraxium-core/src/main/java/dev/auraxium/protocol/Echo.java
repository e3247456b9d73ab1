package dev.auraxium.protocol;

import java.util.Objects;

/**
 * {@code echo}: the server sends {@code payload} back unwrapped. Echoing a whole
 * {@code serviceMessage} makes it come back looking like a real event.
 *
 * @param payload a JSON object, as compact JSON text
 */
public record Echo(String payload) implements ClientCommand {
    /** The wire action. */
    public static final String ACTION = "echo";

    /**
     * Checks the components: each reference must be non-null.
     *
     * @param payload a JSON object, as compact JSON text
     * @throws NullPointerException if a component is {@code null}
     */
    public Echo {
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public String action() {
        return ACTION;
    }
}
