package dev.auraxium.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An event whose {@code event_name} this version does not know. Nothing is lost: every payload
 * field is kept as a string (JSON numbers and booleans as their JSON text), and triggers that name
 * the wire name, or {@link Event}, still match it.
 *
 * @param eventName the wire name
 * @param timestamp when it happened
 * @param worldId the world
 * @param fields every payload field, including {@code event_name}, {@code timestamp} and
 *     {@code world_id}, in payload order; unmodifiable
 */
public record UnknownEvent(String eventName, Instant timestamp, int worldId, Map<String, String> fields)
        implements Event {

    /**
     * Checks the components: each reference must be non-null, an absent field being an empty
     * {@code Optional}, never {@code null}. Collections are copied, so the value stays immutable.
     *
     * @param eventName the wire name
     * @param timestamp when it happened
     * @param worldId the world
     * @param fields every payload field, including {@code event_name}, {@code timestamp} and
     *     {@code world_id}, in payload order; unmodifiable
     * @throws NullPointerException if a component is {@code null}
     */
    public UnknownEvent {
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(timestamp, "timestamp");
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    /**
     * @param name a payload field name
     * @return the field's value, or empty when the payload lacks it
     */
    public Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** @return the {@code character_id} field, when present and numeric */
    public Optional<Long> characterId() {
        String v = fields.get("character_id");
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(v));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
