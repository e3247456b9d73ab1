package dev.auraxium.protocol;

import dev.auraxium.event.Event;
import java.util.Objects;

/**
 * A game event: {@code {"payload":{...},"service":"event","type":"serviceMessage"}} whose payload
 * has an {@code event_name}.
 *
 * @param event the decoded payload
 */
public record ServiceMessage(Event event) implements ServerMessage {
    /**
     * Checks the components: each reference must be non-null.
     *
     * @param event the decoded payload
     * @throws NullPointerException if a component is {@code null}
     */
    public ServiceMessage {
        Objects.requireNonNull(event, "event");
    }
}
