package dev.auraxium.cli.internal;

import dev.auraxium.event.Event;
import dev.auraxium.event.UnknownEvent;
import dev.auraxium.protocol.EssCodec;
import java.lang.reflect.RecordComponent;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The output formats of {@code tail}: {@code text} (one readable line per event),
 * {@code decoded-json} (one payload object per line, re-encoded from the event as this client
 * decoded it, so not the frame's raw text) and {@code none}.
 */
public enum EventText {
    /** {@code <time> <EventName> world=<id> field=value ...}. */
    TEXT,
    /**
     * The event as decoded, encoded again as a payload object, one per line (JSON Lines): the fields
     * the library knows, an absent one as the ESS's none value ({@code "0"} or {@code ""}).
     */
    DECODED_JSON,
    /** Nothing per event; only the summary. */
    NONE;

    /**
     * @param event an event
     * @return its line, or null for {@link #NONE}
     */
    public String format(Event event) {
        return switch (this) {
            case TEXT -> text(event);
            case DECODED_JSON -> EssCodec.standard().encodeEvent(event);
            case NONE -> null;
        };
    }

    /**
     * @param event an event
     * @return a readable line: time, name, world, then every other field; absent optional fields
     *     are left out
     */
    public static String text(Event event) {
        StringBuilder b = new StringBuilder(160);
        b.append(event.timestamp()).append(' ').append(event.eventName()).append(" world=").append(event.worldId());
        if (event instanceof UnknownEvent u) {
            for (Map.Entry<String, String> e : u.fields().entrySet()) {
                String k = e.getKey();
                if (!k.equals("event_name") && !k.equals("timestamp") && !k.equals("world_id")) {
                    b.append(' ').append(k).append('=').append(e.getValue());
                }
            }
            return b.toString();
        }
        RecordComponent[] components = event.getClass().getRecordComponents();
        if (components == null) {
            return b.toString();
        }
        for (RecordComponent c : components) {
            String name = c.getName();
            if (name.equals("timestamp") || name.equals("worldId")) {
                continue;
            }
            Object value;
            try {
                value = c.getAccessor().invoke(event);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            String shown = show(value);
            if (shown != null) {
                b.append(' ').append(snake(name)).append('=').append(shown);
            }
        }
        return b.toString();
    }

    private static String show(Object value) {
        if (value instanceof Optional<?> o) {
            return o.map(String::valueOf).orElse(null);
        }
        if (value instanceof OptionalInt o) {
            return o.isPresent() ? Integer.toString(o.getAsInt()) : null;
        }
        if (value instanceof OptionalLong o) {
            return o.isPresent() ? Long.toString(o.getAsLong()) : null;
        }
        if (value instanceof OptionalDouble o) {
            return o.isPresent() ? Double.toString(o.getAsDouble()) : null;
        }
        return String.valueOf(value);
    }

    private static String snake(String camel) {
        StringBuilder b = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch)) {
                b.append('_').append(Character.toLowerCase(ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    /**
     * Converts {@code text}, {@code decoded-json} or {@code none}, in any case.
     *
     * @param value the option's value
     * @return the format
     * @throws IllegalArgumentException for any other value; for {@code json} the message says why
     *     the format has that name and where the raw frames are
     */
    public static EventText parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("json")) {
            throw new IllegalArgumentException("unknown format 'json': use decoded-json (each event as this client "
                    + "decoded it, re-encoded), or 'auraxium record --out FILE' for the raw frames as received");
        }
        try {
            return valueOf(v.replace('-', '_').toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + value + "': expected text, decoded-json or none");
        }
    }
}
