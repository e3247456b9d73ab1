package dev.auraxium.protocol;

import dev.auraxium.event.Event;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A game event: {@code {"payload":{...},"service":"event","type":"serviceMessage"}} whose payload
 * has an {@code event_name}.
 *
 * <p>A payload field whose value is not of the field's kind (text where a number belongs, a number
 * out of range) does not lose the event: the event is built as if the payload lacked that field
 * (see {@link Event}), and the field is listed in {@link #invalidFields()}. Only the three required
 * fields ({@code event_name}, {@code timestamp}, {@code world_id}) make a frame undecodable.
 *
 * @param event the decoded payload
 * @param invalidFields the fields the event was built without because their value was not of their
 *     kind, field name to the value as received (quoted when it was a JSON string, cut to 40
 *     characters), in payload-slot order; empty for nearly every frame; unmodifiable
 */
public record ServiceMessage(Event event, Map<String, String> invalidFields) implements ServerMessage {
    /**
     * Checks the components and copies {@code invalidFields}.
     *
     * @param event the decoded payload
     * @param invalidFields the fields the event was built without (see the class javadoc)
     * @throws NullPointerException if a component is {@code null}
     */
    public ServiceMessage {
        Objects.requireNonNull(event, "event");
        invalidFields = Objects.requireNonNull(invalidFields, "invalidFields").isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(invalidFields));
    }

    /**
     * A message whose event has every field it carries.
     *
     * @param event the decoded payload
     */
    public ServiceMessage(Event event) {
        this(event, Map.of());
    }
}
