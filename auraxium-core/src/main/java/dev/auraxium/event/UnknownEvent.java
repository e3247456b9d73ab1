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

    /**
     * Starts an event of a name this version does not know, for tests of code that must cope with
     * new event types; see {@link Builder} for the defaults.
     *
     * @param eventName the wire name: not blank, and not a name this version decodes to its own
     *     type (use that type's builder, e.g. {@link Death#builder()})
     * @return a new builder
     * @throws IllegalArgumentException for a blank or known name
     */
    public static Builder builder(String eventName) {
        return new Builder(eventName);
    }

    /**
     * Builds an {@link UnknownEvent} as the decoder would make it from a payload: its
     * {@link #fields()} hold {@code event_name}, {@code timestamp} (Unix seconds) and
     * {@code world_id} first, then the fields given, in order. Not thread-safe. Defaults: world 17
     * (Emerald), the current time, no other field.
     *
     * <p><b>Timestamps are whole seconds</b>, as the wire carries them: {@link #timestamp(Instant)}
     * drops any fraction of a second, so a built event equals its copy decoded after a trip through
     * a server.
     */
    public static final class Builder extends EventBuilder<Builder> {
        private final String eventName;
        private final Map<String, String> fields = new java.util.LinkedHashMap<>();

        private Builder(String eventName) {
            Objects.requireNonNull(eventName, "eventName");
            if (eventName.isBlank()) {
                throw new IllegalArgumentException("eventName must not be blank, was '" + eventName + "'");
            }
            if (EventNames.known().contains(eventName)) {
                throw new IllegalArgumentException("'" + eventName + "' is a known event, decoded to its own type: use "
                        + eventName + ".builder()");
            }
            this.eventName = eventName;
        }

        /**
         * Adds (or replaces) a payload field; the wire carries every value as a string.
         *
         * @param name the field name: not blank, and not {@code event_name}, {@code timestamp} or
         *     {@code world_id} (set by the builder's own methods)
         * @param value the value, not null
         * @return this builder
         */
        public Builder field(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isBlank()) {
                throw new IllegalArgumentException("field name must not be blank, was '" + name + "'");
            }
            if (name.equals("event_name") || name.equals("timestamp") || name.equals("world_id")) {
                throw new IllegalArgumentException("field '" + name + "' is set by the builder: use "
                        + (name.equals("event_name") ? "UnknownEvent.builder(name)" : name.equals("timestamp")
                        ? "timestamp(Instant)" : "worldId(int)"));
            }
            fields.put(name, value);
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the event; the builder may be used again */
        @Override
        public UnknownEvent build() {
            Instant t = timestampOrNow();
            Map<String, String> all = new java.util.LinkedHashMap<>();
            all.put("event_name", eventName);
            all.put("timestamp", Long.toString(t.getEpochSecond()));
            all.put("world_id", Integer.toString(worldId));
            all.putAll(fields);
            return new UnknownEvent(eventName, t, worldId, all);
        }
    }
}
